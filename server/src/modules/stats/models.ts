import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface RollupRow {
  id: number;
  day: string;
  hour?: number;
  hall_id: number;
  division_code: string;
  metric: string;
  value: number;
}

export function defineStatsModels(db: Sequelize) {
  const columns = {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    day: DataTypes.CHAR(10),
    hall_id: DataTypes.INTEGER,
    division_code: DataTypes.STRING(12),
    metric: DataTypes.STRING(40),
    value: DataTypes.BIGINT,
  };
  const options = { underscored: true, timestamps: false };
  const Daily = db.define('StatsDaily', columns, { ...options, tableName: 'stats_daily' }) as ModelStatic<
    Model<RollupRow>
  >;
  const Hourly = db.define(
    'StatsHourly',
    { ...columns, hour: DataTypes.TINYINT },
    { ...options, tableName: 'stats_hourly' },
  ) as ModelStatic<Model<RollupRow>>;
  return { Daily, Hourly };
}
export type StatsModels = ReturnType<typeof defineStatsModels>;

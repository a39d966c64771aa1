import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export interface Material {
  name: string;
  /** 申请人自备 / 现场填写 / 政府部门核发 … */
  source: string;
  /** Photocopies to hand in; 0 = none. */
  copies: number;
  /** Whether the original is shown (and returned). */
  original: boolean;
  format: '纸质' | '电子' | '纸质或电子';
  required: boolean;
  note?: string;
}

export interface ServiceItemRow {
  id: number;
  code: string;
  name: string;
  area: string;
  type: string;
  basis: string;
  agency: string;
  conditions: string;
  audience: string;
  procedure: string[];
  materials: Material[];
  statutory_limit: string;
  promised_limit: string;
  fee: string;
  result: string;
  channels: string[];
  bookable: boolean;
  visits: number;
  cross_region: string;
  place_hours: string;
  enquiry: string;
  complaint: string;
  keywords: string;
  search_text: string;
  sort: number;
}
export type ServiceItemModel = Model<ServiceItemRow, Partial<ServiceItemRow>> & ServiceItemRow;

const json = (field: string) => ({
  type: DataTypes.TEXT,
  get(this: Model) {
    return JSON.parse((this.getDataValue(field as never) as string) ?? '[]');
  },
  set(this: Model, v: unknown) {
    this.setDataValue(field as never, JSON.stringify(v) as never);
  },
});

export function defineCatalogueModels(db: Sequelize) {
  const ServiceItem = db.define<ServiceItemModel>(
    'ServiceItem',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: DataTypes.STRING,
      name: DataTypes.STRING,
      area: DataTypes.STRING,
      type: DataTypes.STRING,
      basis: DataTypes.TEXT,
      agency: DataTypes.STRING,
      conditions: DataTypes.TEXT,
      audience: DataTypes.STRING,
      procedure: json('procedure'),
      materials: json('materials'),
      statutory_limit: DataTypes.STRING,
      promised_limit: DataTypes.STRING,
      fee: DataTypes.STRING,
      result: DataTypes.STRING,
      channels: json('channels'),
      bookable: DataTypes.BOOLEAN,
      visits: DataTypes.INTEGER,
      cross_region: DataTypes.STRING,
      place_hours: DataTypes.STRING,
      enquiry: DataTypes.STRING,
      complaint: DataTypes.STRING,
      keywords: DataTypes.STRING,
      search_text: DataTypes.TEXT,
      sort: DataTypes.INTEGER,
    },
    {
      tableName: 'service_items',
      underscored: true,
      timestamps: true,
      createdAt: 'created_at',
      updatedAt: 'updated_at',
    },
  );
  return { ServiceItem: ServiceItem as ModelStatic<ServiceItemModel> };
}

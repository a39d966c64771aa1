import { DataTypes, QueryTypes } from 'sequelize';
import { TABLE_OPTIONS } from '../../../platform/db';
import type { Migration } from '../../../platform/db/migrate';
import { PAYING_ACTIONS, termFromMonth } from '../payment-terms';

/**
 * 发放记录. `assistance_payment_terms` is the ledger of what a 低保/特困 case pays from which
 * month: each decision (批准, 调整金额, 暂停, 恢复, 停止) adds a row effective from the month after
 * it (amount null = nothing paid). `assistance_payments` holds one row per case and month, made
 * by the monthly job from the term in force, unique per (case, month) so running it twice adds
 * nothing. Cases decided before this migration get their terms from their history.
 */
export const up: Migration['up'] = async ({ context: qi }) => {
  await qi.createTable(
    'assistance_payment_terms',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      case_number: { type: DataTypes.STRING(32), allowNull: false },
      case_type: { type: DataTypes.STRING(40), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      from_month: { type: DataTypes.CHAR(7), allowNull: false },
      amount_cents: { type: DataTypes.INTEGER, allowNull: true },
      action: { type: DataTypes.STRING(24), allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_payment_terms', ['case_id', 'from_month'], { name: 'assistance_terms_case' });
  await qi.createTable(
    'assistance_payments',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      case_id: { type: DataTypes.INTEGER, allowNull: false },
      case_number: { type: DataTypes.STRING(32), allowNull: false },
      case_type: { type: DataTypes.STRING(40), allowNull: false },
      division_code: { type: DataTypes.STRING(12), allowNull: false },
      month: { type: DataTypes.CHAR(7), allowNull: false },
      amount_cents: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false },
      reason: { type: DataTypes.STRING(200), allowNull: true },
      settled_by: { type: DataTypes.INTEGER, allowNull: true },
      settled_at: { type: DataTypes.DATE, allowNull: true },
      created_at: { type: DataTypes.DATE, allowNull: false },
      updated_at: { type: DataTypes.DATE, allowNull: false },
    },
    TABLE_OPTIONS,
  );
  await qi.addIndex('assistance_payments', ['case_id', 'month'], { unique: true, name: 'assistance_payments_once' });
  await qi.addIndex('assistance_payments', ['month', 'division_code'], { name: 'assistance_payments_month' });

  // Cases already decided: their terms from their history, amounts from the step's form or the case.
  const cases = await qi.sequelize.query<{
    id: number;
    number: string;
    type: string;
    division_code: string;
    amount_cents: number | null;
  }>(
    `SELECT id, number, type, division_code, amount_cents FROM cases
      WHERE type IN ('assistance.dibao', 'assistance.tekun') AND amount_cents IS NOT NULL`,
    { type: QueryTypes.SELECT },
  );
  const now = new Date();
  for (const c of cases) {
    const steps = await qi.sequelize.query<{
      action: string;
      to_stage: string;
      form: string | null;
      at: Date | string;
    }>('SELECT action, to_stage, form, at FROM case_transitions WHERE case_id = :id ORDER BY seq ASC', {
      replacements: { id: c.id },
      type: QueryTypes.SELECT,
    });
    const rows = steps.flatMap((s) => {
      const kind = PAYING_ACTIONS[s.action];
      if (!kind) return [];
      if (s.action === 'terminate' && s.to_stage !== 'terminated') return [];
      const form = s.form ? (JSON.parse(s.form) as { amountCents?: number }) : {};
      const amount = kind === 'stop' ? null : (form.amountCents ?? c.amount_cents);
      return [
        {
          case_id: c.id,
          case_number: c.number,
          case_type: c.type,
          division_code: c.division_code,
          from_month: termFromMonth(new Date(s.at).getTime()),
          amount_cents: amount,
          action: s.action,
          created_at: now,
        },
      ];
    });
    if (rows.length) await qi.bulkInsert('assistance_payment_terms', rows);
  }
};

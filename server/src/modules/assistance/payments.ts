import {
  ASSISTANCE_PAYMENT_STATUS_NAMES,
  type AssistancePaymentStatus,
  type AssistanceKind,
  pageLink,
} from '@minzheng/contracts';
import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import { coversDivision, divisionPrefixes } from '../../platform/auth';
import { addMonths } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { type ExportCell, writeCsv, writeXlsx } from '../../platform/exports';
import type { ActionContext } from '../cases';
import { placeName } from '../cases';
import { CASE_TYPE_KEYS, KIND_NAMES, KIND_OF_TYPE } from './case-types';
import type { AssistanceDeps } from './deps';
import type { PaymentRow } from './models';
import { monthAfter } from './payment-terms';

export const PAYMENT_JOB = 'assistance.payments-monthly';
export const PAYMENT_TEMPLATE = 'assistance.payment';

/** Only 低保 and 特困 are paid every month; 临时救助 is paid once. */
export const PAID_MONTHLY = [CASE_TYPE_KEYS.dibao, CASE_TYPE_KEYS.tekun];

const BATCH = 1000;
const EXPORT_MAX = 50_000;

export interface PaymentFilter {
  month?: string;
  status?: AssistancePaymentStatus;
  kind?: AssistanceKind;
  page: number;
  pageSize: number;
}

const paymentNotFoundError = () => notFound('未找到该发放记录');
const countyOnlyError = () =>
  new AppError(403, 'PAYMENT_COUNTY_ONLY', '发放结果由县级民政部门登记，乡镇（街道）可查看发放记录');
const settledError = (number: string, month: string) =>
  conflict('PAYMENT_SETTLED', `${number}在${month}的发放记录已发放，不能再更改`);
const futureMonthError = () => badRequest('MONTH_NOT_STARTED', '该月份尚未开始，不能生成发放名单');

/**
 * 发放记录 (monthly payments of 低保 and 特困). Every decision that changes what a case pays —
 * 批准, 调整金额, 暂停, 恢复, 停止 — adds a term in the decision's transaction, effective from the
 * month after it. Each month a job makes the month's list from the term in force for each case:
 * one row per case and month (a unique key, so a second run adds nothing), 待发放 until the county
 * records the bank's answer — 已发放, or 发放失败 with the reason, which the family is told.
 * The family reads its payments on the case page; staff list and export them within their
 * divisions, masked and audited; the statistics of amounts by month and county read them.
 */
export function makePayments(deps: AssistanceDeps) {
  const { p, models, notices } = deps;

  const kindOf = (type: string) => KIND_OF_TYPE[type];
  const where = (staff: StaffPrincipal, filter: { month?: string; status?: string; kind?: AssistanceKind }) => {
    const prefixes = divisionPrefixes(staff);
    const and: WhereOptions[] = [];
    if (prefixes) and.push({ [Op.or]: prefixes.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })) });
    if (filter.month) and.push({ month: filter.month });
    if (filter.status) and.push({ status: filter.status });
    if (filter.kind) and.push({ case_type: CASE_TYPE_KEYS[filter.kind] });
    return { [Op.and]: and };
  };
  async function headNames(caseIds: number[]) {
    const apps = caseIds.length
      ? await models.Application.findAll({
          where: { case_id: { [Op.in]: caseIds } },
          attributes: ['case_id', 'head_name_masked'],
        })
      : [];
    return new Map(apps.map((a) => [a.case_id, a.head_name_masked]));
  }
  const forStaffRow = (row: PaymentRow, heads: Map<number, string>) => ({
    id: row.id,
    caseId: row.case_id,
    number: row.case_number,
    kind: kindOf(row.case_type),
    kindName: KIND_NAMES[kindOf(row.case_type)],
    headName: heads.get(row.case_id) ?? '',
    divisionCode: row.division_code,
    countyName: placeName(row.division_code.slice(0, 6)),
    month: row.month,
    amountCents: row.amount_cents,
    status: row.status,
    statusName: ASSISTANCE_PAYMENT_STATUS_NAMES[row.status],
    reason: row.reason,
    settledAt: row.settled_at,
  });
  /** Whether `staff` records payment results for this division: a county (or wider) scope covering it. */
  const settlesFor = (staff: StaffPrincipal, divisionCode: string) =>
    staff.roles.includes('admin') ||
    staff.scope.divisions.some((prefix) => prefix.length <= 6 && divisionCode.startsWith(prefix));

  return {
    /** Called by the case types' decisions, in their transaction. */
    async recordTerm(ctx: ActionContext, action: string, amountCents: number | null) {
      const ref = ctx.caseRef;
      if (!PAID_MONTHLY.includes(ref.type)) return;
      await models.PaymentTerm.create(
        {
          case_id: ref.id,
          case_number: ref.number,
          case_type: ref.type,
          division_code: ref.divisionCode,
          from_month: monthAfter(ctx.today),
          amount_cents: amountCents,
          action,
          created_at: p.clock.date(),
        },
        { transaction: ctx.transaction },
      );
    },

    currentMonth: () => p.clock.today().slice(0, 7),

    /**
     * Makes `month`'s list: for every case whose latest term from that month or before pays an
     * amount, a 待发放 row with that amount. Idempotent (unique per case and month): existing
     * rows are left as they are, whatever their status. Returns how many rows it added.
     */
    async generate(month: string) {
      if (month > p.clock.today().slice(0, 7)) throw futureMonthError();
      let after = 0;
      let created = 0;
      for (;;) {
        const ids = (
          await models.PaymentTerm.findAll({
            attributes: ['case_id'],
            where: { case_id: { [Op.gt]: after }, from_month: { [Op.lte]: month } },
            group: ['case_id'],
            order: [['case_id', 'ASC']],
            limit: BATCH,
            raw: true,
          })
        ).map((r) => Number(r.case_id));
        if (!ids.length) break;
        after = ids[ids.length - 1];
        const terms = await models.PaymentTerm.findAll({
          where: { case_id: { [Op.in]: ids }, from_month: { [Op.lte]: month } },
          order: [
            ['case_id', 'ASC'],
            ['from_month', 'ASC'],
            ['id', 'ASC'],
          ],
          raw: true,
        });
        const inForce = new Map<number, (typeof terms)[number]>();
        for (const term of terms) inForce.set(term.case_id, term);
        const existing = new Set(
          (
            await models.Payment.findAll({
              attributes: ['case_id'],
              where: { case_id: { [Op.in]: ids }, month },
              raw: true,
            })
          ).map((r) => Number(r.case_id)),
        );
        const now = p.clock.date();
        const rows = [...inForce.values()]
          .filter((t) => t.amount_cents !== null && !existing.has(t.case_id))
          .map((t) => ({
            case_id: t.case_id,
            case_number: t.case_number,
            case_type: t.case_type,
            division_code: t.division_code,
            month,
            amount_cents: t.amount_cents as number,
            status: 'pending' as const,
            reason: null,
            settled_by: null,
            settled_at: null,
            created_at: now,
            updated_at: now,
          }));
        // Two runs at once: the unique key keeps one row; the other's insert is ignored.
        if (rows.length) await models.Payment.bulkCreate(rows, { ignoreDuplicates: true });
        created += rows.length;
      }
      p.logger.info({ month, created }, 'assistance payments listed');
      return { month, created };
    },

    /** The family's payments on its case page, newest first (the last two years). */
    async forCase(caseId: number) {
      const rows = await models.Payment.findAll({
        where: { case_id: caseId },
        order: [['month', 'DESC']],
        limit: 24,
      });
      return rows.map((r) => ({
        month: r.month,
        amountCents: r.amount_cents,
        status: r.status,
        statusName: ASSISTANCE_PAYMENT_STATUS_NAMES[r.status],
        reason: r.reason,
        settledAt: r.settled_at,
      }));
    },

    /** One page of the payments of my divisions (heads of household masked), with the totals; audited. */
    async forStaff(staff: StaffPrincipal, filter: PaymentFilter) {
      const w = where(staff, filter);
      const [rows, total, sums] = await Promise.all([
        models.Payment.findAll({
          where: w,
          order: [
            ['month', 'DESC'],
            ['division_code', 'ASC'],
            ['id', 'ASC'],
          ],
          limit: filter.pageSize,
          offset: (filter.page - 1) * filter.pageSize,
        }),
        models.Payment.count({ where: w }),
        models.Payment.findAll({
          attributes: [
            'status',
            [p.db.fn('COUNT', p.db.col('id')), 'n'],
            [p.db.fn('SUM', p.db.col('amount_cents')), 'cents'],
          ],
          where: w,
          group: ['status'],
          raw: true,
        }) as unknown as Promise<{ status: AssistancePaymentStatus; n: number | string; cents: number | string }[]>,
      ]);
      const heads = await headNames(rows.map((r) => r.case_id));
      const totals = Object.fromEntries(
        (['pending', 'paid', 'failed'] as const).map((status) => {
          const s = sums.find((x) => x.status === status);
          return [status, { count: Number(s?.n ?? 0), amountCents: Number(s?.cents ?? 0) }];
        }),
      );
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.payments.list',
        target: { type: 'division', id: divisionPrefixes(staff)?.join(',') ?? '*' },
        detail: { month: filter.month ?? null, status: filter.status ?? null, rows: rows.length },
      });
      return {
        items: rows.map((r) => ({ ...forStaffRow(r, heads), canSettle: settlesFor(staff, r.division_code) })),
        total,
        totals,
        page: filter.page,
        pageSize: filter.pageSize,
        currentMonth: p.clock.today().slice(0, 7),
      };
    },

    /** A month's payments of my divisions as XLSX or CSV (masked, neutralized, audited with the count). */
    async exportFor(
      staff: StaffPrincipal,
      filter: { month: string; status?: AssistancePaymentStatus; format: 'xlsx' | 'csv' },
    ) {
      const rows = await models.Payment.findAll({
        where: where(staff, filter),
        order: [
          ['division_code', 'ASC'],
          ['id', 'ASC'],
        ],
        limit: EXPORT_MAX,
      });
      const heads = await headNames(rows.map((r) => r.case_id));
      const header = [
        '月份',
        '案件编号',
        '救助类型',
        '户主',
        '县（区）',
        '村（社区）代码',
        '金额（元）',
        '状态',
        '原因',
      ];
      const data: ExportCell[][] = rows.map((r) => {
        const v = forStaffRow(r, heads);
        return [
          v.month,
          v.number,
          v.kindName,
          v.headName,
          v.countyName,
          v.divisionCode,
          v.amountCents / 100,
          v.statusName,
          v.reason ?? '',
        ];
      });
      const body =
        filter.format === 'csv'
          ? writeCsv(header, data)
          : await writeXlsx([
              {
                name: `${filter.month}发放名单`,
                title: `社会救助发放名单（${filter.month}）`,
                header,
                rows: data,
                widths: [10, 24, 18, 10, 18, 16, 12, 10, 30],
              },
            ]);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.payments.export',
        target: { type: 'division', id: divisionPrefixes(staff)?.join(',') ?? '*' },
        detail: { month: filter.month, format: filter.format, rows: rows.length },
      });
      return body;
    },

    /**
     * The county records the bank's answer for payments of its divisions: 已发放, or 发放失败 with
     * the reason (the family is told, so they can fix the account). All or nothing: one payment
     * out of scope, already paid, or changed meanwhile refuses the whole request.
     */
    async settle(staff: StaffPrincipal, body: { ids: number[]; result: 'paid' | 'failed'; reason?: string }) {
      const ids = [...new Set(body.ids)];
      return p.db.transaction(async (transaction: Transaction) => {
        const rows = await models.Payment.findAll({ where: { id: { [Op.in]: ids } }, transaction });
        if (rows.length !== ids.length || rows.some((r) => !coversDivision(staff, r.division_code)))
          throw paymentNotFoundError();
        if (rows.some((r) => !settlesFor(staff, r.division_code))) throw countyOnlyError();
        const done = rows.find((r) => r.status === 'paid' || (body.result === 'failed' && r.status === 'failed'));
        if (done)
          throw done.status === 'paid'
            ? settledError(done.case_number, done.month)
            : conflict(
                'PAYMENT_ALREADY_FAILED',
                `${done.case_number}在${done.month}的发放已登记为失败，补发成功后请登记为已发放`,
              );
        const now = p.clock.date();
        const apps = await models.Application.findAll({
          where: { case_id: { [Op.in]: rows.map((r) => r.case_id) } },
          attributes: ['case_id', 'applicant_user_id'],
          transaction,
        });
        const applicantOf = new Map(apps.map((a) => [a.case_id, a.applicant_user_id]));
        for (const row of rows) {
          const [changed] = await models.Payment.update(
            {
              status: body.result,
              reason: body.result === 'failed' ? (body.reason ?? null) : null,
              settled_by: staff.id,
              settled_at: now,
              updated_at: now,
            },
            { where: { id: row.id, status: row.status }, transaction },
          );
          if (changed !== 1) throw conflict('PAYMENT_CHANGED', '发放记录已被他人更新，请刷新后重试');
          const userId = applicantOf.get(row.case_id);
          if (body.result === 'failed' && userId)
            await notices.notify(
              { userId },
              PAYMENT_TEMPLATE,
              {
                service: KIND_NAMES[kindOf(row.case_type)],
                number: row.case_number,
                month: row.month,
                amount: (row.amount_cents / 100).toFixed(2),
                reason: body.reason ?? '',
              },
              pageLink('assistanceCase', { number: row.case_number }),
              { transaction },
            );
        }
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `assistance.payments.${body.result}`,
            target: { type: 'assistance_payment', id: ids.join(',') },
            detail: { count: ids.length, reason: body.reason ?? null },
          },
          transaction,
        );
        return { updated: ids.length };
      });
    },

    /**
     * 发放金额 by month and by county over `from`..`to` (months), from the payment records of my
     * divisions: what was listed, what was paid, what is pending or failed.
     */
    async statistics(staff: StaffPrincipal, range: { from?: string; to?: string }) {
      const to = range.to ?? p.clock.today().slice(0, 7);
      const from = range.from ?? addMonths(`${to}-01`, -11).slice(0, 7);
      if (from > to) throw badRequest('BAD_RANGE', '起始月份不能晚于结束月份');
      const prefixes = divisionPrefixes(staff);
      const replacements: Record<string, string> = { from, to };
      const scope = prefixes
        ? `AND (${prefixes
            .map((prefix, i) => {
              replacements[`p${i}`] = `${prefix}%`;
              return `division_code LIKE :p${i}`;
            })
            .join(' OR ')})`
        : '';
      const rows = await p.db.query<{
        month: string;
        county: string;
        status: AssistancePaymentStatus;
        n: number | string;
        cents: number | string;
      }>(
        `SELECT month, SUBSTR(division_code, 1, 6) AS county, status, COUNT(*) AS n, SUM(amount_cents) AS cents
           FROM assistance_payments
          WHERE month >= :from AND month <= :to ${scope}
          GROUP BY month, SUBSTR(division_code, 1, 6), status`,
        { replacements, type: QueryTypes.SELECT },
      );
      type Sum = { cases: number; amountCents: number; paidCents: number; pendingCents: number; failedCents: number };
      const empty = (): Sum => ({ cases: 0, amountCents: 0, paidCents: 0, pendingCents: 0, failedCents: 0 });
      const months = new Map<string, Sum>();
      const counties = new Map<string, Sum>();
      for (const row of rows) {
        const n = Number(row.n);
        const cents = Number(row.cents);
        for (const [map, key] of [
          [months, row.month],
          [counties, row.county],
        ] as const) {
          const s = map.get(key) ?? empty();
          s.cases += n;
          s.amountCents += cents;
          s[`${row.status}Cents`] += cents;
          map.set(key, s);
        }
      }
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.payments.statistics',
        target: { type: 'division', id: prefixes?.join(',') ?? '*' },
        detail: { from, to },
      });
      return {
        from,
        to,
        months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, s]) => ({ month, ...s })),
        counties: [...counties.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([countyCode, s]) => ({ countyCode, countyName: placeName(countyCode), ...s })),
      };
    },
  };
}

export type Payments = ReturnType<typeof makePayments>;

import { Op, type WhereOptions } from 'sequelize';
import { divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { type ExportCell, writeCsv, writeXlsx } from '../../platform/exports';
import type { Platform } from '../../platform/platform';
import { CREDIT_STATUS_NAMES } from './credit';
import type { OrgRow, SocialOrgModels } from './models';
import { AUTHORITY_LEVELS, ORG_STATUSES, ORG_TYPES } from './views';

/** An export is made while the officer waits: past this, they narrow it by division. */
export const MAX_EXPORT_ROWS = 5000;

// The import's own column labels, so an export can be corrected and imported again.
const COLUMNS: [string, (o: OrgRow) => ExportCell][] = [
  ['统一社会信用代码', (o) => o.uscc],
  ['名称', (o) => o.name],
  ['类型', (o) => ORG_TYPES[o.type]],
  ['登记管理机关', (o) => o.authority],
  ['登记管理机关级别', (o) => AUTHORITY_LEVELS[o.authority_level as keyof typeof AUTHORITY_LEVELS]],
  ['区划代码', (o) => o.division_code],
  ['业务主管单位', (o) => o.supervisor],
  ['法定代表人', (o) => o.legal_rep],
  ['成立登记日期', (o) => o.registered_at],
  ['注册资金', (o) => o.registered_capital],
  ['住所', (o) => o.address],
  ['业务范围', (o) => o.business_scope],
  ['证书有效期起', (o) => o.cert_valid_from],
  ['证书有效期止', (o) => o.cert_valid_to],
  ['登记状态', (o) => ORG_STATUSES[o.status]],
  ['信用状态', (o) => CREDIT_STATUS_NAMES[o.credit_status]],
];

/**
 * An officer exports the register of their region (or a division within it) as XLSX or CSV,
 * with the import's columns. Text that a spreadsheet could run as a formula is neutralized by
 * the platform's export helper. Audited: who exported what, how many rows.
 */
export function makeExportOrgs(p: Platform, m: SocialOrgModels) {
  return async function exportOrgs(actor: StaffPrincipal, filter: { format: 'xlsx' | 'csv'; division?: string }) {
    const scope = divisionPrefixes(actor);
    const where: WhereOptions[] = [];
    if (scope) where.push({ [Op.or]: scope.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })) });
    if (filter.division) where.push({ division_code: { [Op.like]: `${filter.division}%` } });
    const count = await m.Org.count({ where: { [Op.and]: where } });
    if (count > MAX_EXPORT_ROWS)
      throw badRequest(
        'EXPORT_TOO_LARGE',
        `共${count}条，超过每次导出上限${MAX_EXPORT_ROWS}条，请选择更小的区划后分批导出`,
      );
    const orgs = (await m.Org.findAll({
      where: { [Op.and]: where },
      order: [
        ['division_code', 'ASC'],
        ['uscc', 'ASC'],
      ],
      raw: true,
    })) as unknown as OrgRow[];
    const header = COLUMNS.map(([label]) => label);
    const rows = orgs.map((o) => COLUMNS.map(([, value]) => value(o)));
    const data =
      filter.format === 'csv'
        ? writeCsv(header, rows)
        : await writeXlsx([{ name: '社会组织', header, rows, widths: [22, 36, 14, 24, 10, 10, 24, 10, 12, 12, 36] }]);
    await p.audit.record({
      actor: { type: 'staff', id: actor.id },
      action: 'social_org.export',
      target: { type: 'social_org', id: filter.division ?? 'scope' },
      detail: { format: filter.format, division: filter.division ?? null, count: orgs.length },
    });
    return { data, count: orgs.length };
  };
}

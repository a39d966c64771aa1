import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { readTable } from '../../platform/uploads';
import { orgCodeProblem, orgColumns } from './manage-orgs';
import type { SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import { newOrgBody } from './schemas';
import type { SearchIndex } from './search-index';
import { checkUscc, normalizeUscc, USCC_MESSAGES } from './uscc';
import { AUTHORITY_LEVELS, ORG_STATUSES, ORG_TYPES } from './views';

export const MAX_IMPORT_ROWS = 5000;

// Header cells accepted for each field: the Chinese label or the API name.
const COLUMNS: Record<string, string[]> = {
  uscc: ['统一社会信用代码', 'uscc'],
  name: ['名称', '组织名称', 'name'],
  type: ['类型', '组织类型', 'type'],
  authority: ['登记管理机关', 'authority'],
  authorityLevel: ['登记管理机关级别', '机关级别', 'authorityLevel'],
  divisionCode: ['区划代码', '行政区划代码', 'divisionCode'],
  supervisor: ['业务主管单位', 'supervisor'],
  legalRepresentative: ['法定代表人', 'legalRepresentative'],
  registeredAt: ['成立登记日期', '成立日期', 'registeredAt'],
  registeredCapital: ['注册资金', '注册资金（元）', 'registeredCapital'],
  address: ['住所', 'address'],
  businessScope: ['业务范围', 'businessScope'],
  validFrom: ['证书有效期起', 'validFrom'],
  validTo: ['证书有效期止', 'validTo'],
  status: ['登记状态', 'status'],
};
const byLabel = (names: Record<string, string>) => Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k]));
const TYPE_BY_LABEL = byLabel(ORG_TYPES);
const LEVEL_BY_LABEL = byLabel(AUTHORITY_LEVELS);
const STATUS_BY_LABEL = byLabel(ORG_STATUSES);

/**
 * An officer imports part of the register from a spreadsheet. Every row is checked (code and
 * its check character, the officer's region, duplicates in the file and in the register,
 * every field) and the file goes in whole or not at all: one bad row and nothing is written,
 * the answer naming each bad row and field.
 */
export function makeImportOrgs(p: Platform, m: SocialOrgModels, index: SearchIndex, cache: OrgCache) {
  return async function importOrgs(actor: StaffPrincipal, data: Buffer) {
    const [header, ...rows] = await readTable(data, {
      maxRows: MAX_IMPORT_ROWS,
      tooLarge: (max) => badRequest('IMPORT_TOO_LARGE', `表格超过${max}行，请拆分后分批导入`),
    });
    if (!header) throw badRequest('IMPORT_EMPTY', '文件中没有数据');
    const col: Record<string, number> = {};
    for (const [field, labels] of Object.entries(COLUMNS)) {
      const i = header.findIndex((h) => labels.includes(h.trim()));
      if (i >= 0) col[field] = i;
    }
    const missing = [
      'uscc',
      'name',
      'type',
      'authority',
      'divisionCode',
      'legalRepresentative',
      'registeredAt',
      'address',
    ].filter((f) => col[f] === undefined);
    if (missing.length)
      throw badRequest('IMPORT_HEADER', `表头缺少必填列：${missing.map((f) => COLUMNS[f][0]).join('、')}`);
    if (!rows.length) throw badRequest('IMPORT_EMPTY', '文件中没有数据');

    const errors: Record<string, string> = {};
    const seen = new Map<string, number>();
    const valid: { line: number; uscc: string; input: ReturnType<typeof newOrgBody.parse> }[] = [];
    rows.forEach((cells, i) => {
      const line = i + 2; // as the spreadsheet numbers it, the header being line 1
      const cell = (f: string) => (col[f] === undefined ? '' : (cells[col[f]] ?? '').trim());
      const opt = (f: string) => cell(f) || undefined;
      const fail = (field: string, message: string) => {
        errors[`rows.${line}.${field}`] ??= message;
      };
      const uscc = normalizeUscc(cell('uscc'));
      const problem = checkUscc(uscc);
      if (problem) fail('uscc', USCC_MESSAGES[problem]);
      else if (seen.has(uscc)) fail('uscc', `与第${seen.get(uscc)}行的统一社会信用代码重复`);
      else seen.set(uscc, line);
      const capital = cell('registeredCapital');
      const parsed = newOrgBody.safeParse({
        uscc,
        name: cell('name'),
        type: TYPE_BY_LABEL[cell('type')] ?? cell('type'),
        authority: cell('authority'),
        authorityLevel: LEVEL_BY_LABEL[cell('authorityLevel')] ?? opt('authorityLevel') ?? 'county',
        divisionCode: cell('divisionCode'),
        supervisor: opt('supervisor') ?? null,
        legalRepresentative: cell('legalRepresentative'),
        registeredAt: cell('registeredAt'),
        registeredCapital: capital === '' ? null : Number(capital.replace(/,/g, '')),
        address: cell('address'),
        businessScope: opt('businessScope') ?? null,
        certificate:
          cell('validFrom') || cell('validTo') ? { validFrom: cell('validFrom'), validTo: cell('validTo') } : null,
        status: STATUS_BY_LABEL[cell('status')] ?? opt('status') ?? 'active',
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? '_'), issue.message);
        return;
      }
      if (problem) return;
      const codeProblem = orgCodeProblem(uscc, parsed.data.type);
      if (codeProblem) return fail('uscc', codeProblem);
      if (!coversDivision(actor, parsed.data.divisionCode)) return fail('divisionCode', '该区划不在您的管辖范围内');
      valid.push({ line, uscc, input: parsed.data });
    });

    // Already in the register?
    for (let i = 0; i < valid.length; i += 500) {
      const chunk = valid.slice(i, i + 500);
      const existing = await m.Org.findAll({
        where: { uscc: { [Op.in]: chunk.map((v) => v.uscc) } },
        attributes: ['uscc'],
      });
      const taken = new Set(existing.map((o) => o.uscc));
      for (const v of chunk) if (taken.has(v.uscc)) errors[`rows.${v.line}.uscc`] ??= '该统一社会信用代码已登记';
    }
    const bad = new Set(Object.keys(errors).map((k) => k.split('.')[1]));
    if (bad.size)
      throw new AppError(
        422,
        'IMPORT_FAILED',
        `共${rows.length}行，其中${bad.size}行有误，未导入任何数据，请修改后重新上传`,
        errors,
      );

    await p.db.transaction(async (transaction) => {
      for (let i = 0; i < valid.length; i += 500) {
        const chunk = valid.slice(i, i + 500);
        const created = await m.Org.bulkCreate(
          chunk.map(
            (v) =>
              ({
                uscc: v.uscc,
                ...orgColumns(v.input),
                ...index.columns(v.input.name),
                credit_status: 'normal',
              }) as never,
          ),
          { transaction },
        );
        const ids = created.some((o) => !o.id)
          ? new Map(
              (
                await m.Org.findAll({
                  where: { uscc: { [Op.in]: chunk.map((v) => v.uscc) } },
                  attributes: ['id', 'uscc'],
                  transaction,
                })
              ).map((o) => [o.uscc, o.id]),
            )
          : new Map(created.map((o) => [o.uscc, o.id]));
        for (const v of chunk)
          await index.write({ id: ids.get(v.uscc)!, uscc: v.uscc, name: v.input.name }, transaction);
      }
      await p.audit.record(
        {
          actor: { type: 'staff', id: actor.id },
          action: 'social_org.import',
          target: { type: 'social_org', id: 'import' },
          detail: { count: valid.length, usccs: valid.map((v) => v.uscc) },
        },
        transaction,
      );
    });
    await cache.invalidate(valid.map((v) => v.uscc));
    return { imported: valid.length };
  };
}

import { Op, type Transaction } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { readTable } from '../../platform/uploads';
import { orgCodeProblem, orgColumns } from './manage-orgs';
import type { ImportRow, SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import { newOrgBody } from './schemas';
import type { SearchIndex } from './search-index';
import { checkUscc, normalizeUscc, USCC_MESSAGES } from './uscc';
import { AUTHORITY_LEVELS, ORG_STATUSES, ORG_TYPES } from './views';

export const MAX_IMPORT_ROWS = 5000;
/** Past either, an import is a job (platform/jobs): the request answers 202 with its id at once. */
export const IMPORT_JOB_ROWS = 500;
export const IMPORT_JOB_BYTES = 256 * 1024;
export const IMPORT_JOB = 'social-orgs.import';
/** Rows checked between two looks at the event loop (other requests) and two progress writes. */
const CHECK_SLICE = 250;

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

type Columns = Record<string, number>;
type ValidRow = { line: number; uscc: string; input: ReturnType<typeof newOrgBody.parse> };
const REQUIRED = [
  'uscc',
  'name',
  'type',
  'authority',
  'divisionCode',
  'legalRepresentative',
  'registeredAt',
  'address',
];

const importFailedError = (rowCount: number, errors: Record<string, string>) => {
  const bad = new Set(Object.keys(errors).map((k) => k.split('.')[1]));
  return new AppError(
    422,
    'IMPORT_FAILED',
    `共${rowCount}行，其中${bad.size}行有误，未导入任何数据，请修改后重新上传`,
    errors,
  );
};
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What an officer reads about an import worked as a job. */
export function importView(row: ImportRow) {
  return {
    id: row.id,
    status: row.status,
    totalRows: row.total_rows,
    checkedRows: row.checked_rows,
    importedRows: row.imported_rows,
    progress: row.status === 'done' ? 1 : row.total_rows ? Math.min(0.99, row.checked_rows / row.total_rows) : 0,
    message: row.message,
    errors: row.errors ? (JSON.parse(row.errors) as Record<string, string>) : {},
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/**
 * An officer imports part of the register from a spreadsheet. The file is read at once, in one
 * bounded pass (header, empty file and row limit refused in the answer). A small file is then
 * checked and written in the request; a large one (more than IMPORT_JOB_ROWS rows or
 * IMPORT_JOB_BYTES) is kept and worked as a job — the answer is 202 with the import's id, and
 * `GET …/imports/:id` tells its status, progress and each bad row. Either way every row is checked
 * (code and its check character, the officer's region, duplicates in the file and in the
 * register, every field) and the file goes in whole or not at all.
 */
export function makeImportOrgs(p: Platform, m: SocialOrgModels, index: SearchIndex, cache: OrgCache) {
  async function readImport(data: Buffer) {
    const [header, ...rows] = await readTable(data, {
      maxRows: MAX_IMPORT_ROWS,
      tooLarge: (max) => badRequest('IMPORT_TOO_LARGE', `表格超过${max}行，请拆分后分批导入`),
    });
    if (!header) throw badRequest('IMPORT_EMPTY', '文件中没有数据');
    const col: Columns = {};
    for (const [field, labels] of Object.entries(COLUMNS)) {
      const i = header.findIndex((h) => labels.includes(h.trim()));
      if (i >= 0) col[field] = i;
    }
    const missing = REQUIRED.filter((f) => col[f] === undefined);
    if (missing.length)
      throw badRequest('IMPORT_HEADER', `表头缺少必填列：${missing.map((f) => COLUMNS[f][0]).join('、')}`);
    if (!rows.length) throw badRequest('IMPORT_EMPTY', '文件中没有数据');
    return { col, rows };
  }

  /** Every row checked; `checked` is told how far it got (a job records it as progress). */
  async function checkRows(
    actor: StaffPrincipal,
    col: Columns,
    rows: string[][],
    checked: (n: number) => Promise<void> = async () => {},
  ) {
    const errors: Record<string, string> = {};
    const seen = new Map<string, number>();
    const valid: ValidRow[] = [];
    for (const [i, cells] of rows.entries()) {
      if (i > 0 && i % CHECK_SLICE === 0) {
        await checked(i);
        await nextTurn(); // other requests are served between slices
      }
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
        continue;
      }
      if (problem) continue;
      const codeProblem = orgCodeProblem(uscc, parsed.data.type);
      if (codeProblem) {
        fail('uscc', codeProblem);
        continue;
      }
      if (!coversDivision(actor, parsed.data.divisionCode)) {
        fail('divisionCode', '该区划不在您的管辖范围内');
        continue;
      }
      valid.push({ line, uscc, input: parsed.data });
    }

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
    await checked(rows.length);
    return { valid, errors };
  }

  /** The rows in, all in one transaction (with whatever else the caller writes in it). */
  async function writeRows(
    actor: StaffPrincipal,
    valid: ValidRow[],
    alsoInTransaction: (transaction: Transaction) => Promise<void> = async () => {},
  ) {
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
      await alsoInTransaction(transaction);
      await cache.retire(
        valid.map((v) => v.uscc),
        transaction,
      );
    });
    await cache.invalidate();
  }

  return {
    /** The upload: imported at once (small), or queued as a job (large). */
    async start(actor: StaffPrincipal, data: Buffer) {
      const { col, rows } = await readImport(data);
      if (rows.length > IMPORT_JOB_ROWS || data.length > IMPORT_JOB_BYTES) {
        const row = await m.Import.create({
          staff_id: actor.id,
          actor: JSON.stringify(actor),
          status: 'queued',
          total_rows: rows.length,
          checked_rows: 0,
          imported_rows: 0,
          columns: JSON.stringify(col),
          rows: JSON.stringify(rows),
        });
        const view = importView(row);
        await p.jobs.enqueue(IMPORT_JOB, { importId: row.id }, { jobId: `org-import-${row.id}` });
        return { queued: true as const, import: view };
      }
      const { valid, errors } = await checkRows(actor, col, rows);
      if (Object.keys(errors).length) throw importFailedError(rows.length, errors);
      await writeRows(actor, valid);
      return { queued: false as const, imported: valid.length };
    },

    /** The job: check every row (progress recorded), then all in or nothing. Runs once per import. */
    async run(importId: number) {
      const row = await m.Import.findByPk(importId);
      if (!row || row.status === 'done' || row.status === 'failed' || !row.rows) return;
      const actor = JSON.parse(row.actor) as StaffPrincipal;
      const rows = JSON.parse(row.rows) as string[][];
      const finish = (values: Partial<ImportRow>, transaction?: Transaction) =>
        m.Import.update(
          { ...values, rows: null, finished_at: p.clock.date() },
          { where: { id: importId }, transaction },
        );
      try {
        await m.Import.update({ status: 'checking', checked_rows: 0 }, { where: { id: importId } });
        const { valid, errors } = await checkRows(actor, JSON.parse(row.columns) as Columns, rows, (n) =>
          m.Import.update({ checked_rows: n }, { where: { id: importId } }).then(() => undefined),
        );
        if (Object.keys(errors).length) {
          const failure = importFailedError(rows.length, errors);
          await finish({ status: 'failed', message: failure.message, errors: JSON.stringify(errors) });
          return;
        }
        await m.Import.update({ status: 'writing' }, { where: { id: importId } });
        await writeRows(actor, valid, (transaction) =>
          finish(
            { status: 'done', imported_rows: valid.length, message: `已导入${valid.length}条登记信息` },
            transaction,
          ).then(() => undefined),
        );
      } catch (err) {
        p.logger.error({ err, importId }, 'register import failed');
        await finish({ status: 'failed', message: '导入未完成，未导入任何数据，请稍后重新上传' });
      }
    },

    /** Where an import stands; only the officer who started it sees it (404 otherwise). */
    async status(actor: StaffPrincipal, importId: number) {
      const row = await m.Import.findOne({ where: { id: importId, staff_id: actor.id } });
      if (!row) throw notFound('未找到该导入任务');
      return { import: importView(row) };
    },
  };
}

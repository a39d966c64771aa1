import { randomInt } from 'node:crypto';
import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import { beijingDateAt } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { conflict, forbidden, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { ASSISTANCE_REPORT_CATEGORIES, type AssistanceReportCategory, pageLink } from '@minzheng/contracts';
import { divisions } from '../divisions';
import { maskName } from '../identity';
import { CASE_TYPE_KEYS } from './case-types';
import type { AssistanceDeps } from './deps';
import { unknownDivisionError } from './errors';
import type { ReportRow, ReportStatus } from './models';
import type { ReportBody, ReportHandleBody } from './schemas';

export const REPORT_STATUS_NAMES: Record<ReportStatus, string> = {
  submitted: '已提交，待受理',
  handling: '核查中',
  closed: '已办结',
};

export const REPORT_TEMPLATE = 'assistance.report';
export interface ReportNotice {
  number: string;
  status: string;
  result: string;
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const reportNotFound = () => notFound('未找到该举报');

/**
 * 监督举报: a real-named citizen reports a suspected irregularity in a social-assistance case or
 * 公示 (人情保、关系保、隐瞒收入…): about whom, what, with evidence materials uploaded beforehand
 * (the materials upload: images re-encoded, PDFs checked by content). Staff whose divisions
 * cover the case's (or the named community's) division take it up and record the result; the
 * reporter follows the status in the app. The reporter's name reaches staff masked, and
 * reading the reports is audited.
 *
 * Why not the social-orgs complaint flow: that one targets organizations, is worked by social
 * organization officers and counts in their complaint statistics; these reports concern
 * assistance cases and belong to the assistance officers of the case's division.
 */
export function makeReports(deps: AssistanceDeps) {
  const { p, models, cases, identity, materials, notices } = deps;
  const assistanceTypes = Object.values(CASE_TYPE_KEYS) as string[];

  async function caseNumbers(rows: ReportRow[]) {
    const ids = [...new Set(rows.map((r) => r.case_id).filter((id): id is number => id !== null))];
    const refs = ids.length ? await cases.find({ types: assistanceTypes, ids }) : [];
    return new Map(refs.map((r) => [r.id, r.number]));
  }

  const base = (r: ReportRow, numbers: Map<number, string>) => ({
    id: r.id,
    number: r.number,
    caseNumber: r.case_id ? (numbers.get(r.case_id) ?? null) : null,
    divisionCode: r.division_code,
    category: r.category,
    categoryName: ASSISTANCE_REPORT_CATEGORIES[r.category] ?? ASSISTANCE_REPORT_CATEGORIES.other,
    subject: r.subject,
    content: r.content,
    status: r.status,
    statusName: REPORT_STATUS_NAMES[r.status],
    result: r.result,
    handledAt: r.handled_at,
    submittedAt: r.created_at,
  });

  async function inScope(staff: StaffPrincipal, id: number) {
    const row = await models.Report.findByPk(id);
    // Out of scope reads as absent (no hint that the report exists).
    if (!row || !coversDivision(staff, row.division_code)) throw reportNotFound();
    return row;
  }

  return {
    async submit(userId: number, body: ReportBody) {
      const real = await identity.realNameOf(userId);
      if (!real) throw forbidden('请先完成实名认证后再举报');
      let caseId: number | null = null;
      let divisionCode: string;
      if (body.caseNumber) {
        const ref = await cases.byNumber(body.caseNumber);
        if (!ref || !assistanceTypes.includes(ref.type)) throw notFound('未找到该救助申请或公示编号，请核对后再提交');
        caseId = ref.id;
        divisionCode = ref.divisionCode;
      } else {
        divisionCode = body.divisionCode!;
        if (!divisions.get(divisionCode.slice(0, 6))) throw unknownDivisionError();
      }
      await enforceRateLimit(
        p.cache,
        `assistance-report:${userId}`,
        10,
        86400_000,
        '今日提交的举报已达上限，请明天再试',
      );
      const now = p.clock.date();
      let tail = '';
      for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
      const number = `JB${beijingDateAt(p.clock.now()).replace(/-/g, '')}${tail}`;
      const row = await p.db.transaction(async (transaction) => {
        const created = await models.Report.create(
          {
            number,
            user_id: userId,
            reporter_name_enc: p.pii.encrypt(real.name),
            category: body.category as AssistanceReportCategory,
            case_id: caseId,
            division_code: divisionCode,
            subject: body.subject,
            content: body.content,
            status: 'submitted',
            result: null,
            handled_by: null,
            handled_at: null,
            created_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await materials.attachToReport(userId, created.id, body.materialIds, transaction);
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'assistance.report.submit',
            target: { type: 'assistance_report', id: number },
          },
          transaction,
        );
        return created;
      });
      return { report: { ...base(row, await caseNumbers([row])), evidence: await materials.listForReport(row.id) } };
    },

    async mine(userId: number) {
      const rows = await models.Report.findAll({ where: { user_id: userId }, order: [['id', 'DESC']], limit: 100 });
      const numbers = await caseNumbers(rows);
      return { items: rows.map((r) => base(r, numbers)) };
    },

    async forStaff(staff: StaffPrincipal, filter: { status?: ReportStatus }) {
      const all = staff.roles.includes('admin') || staff.scope.divisions.includes('');
      const rows = await models.Report.findAll({
        where: {
          ...(filter.status ? { status: filter.status } : {}),
          ...(all
            ? {}
            : { [Op.or]: staff.scope.divisions.map((prefix) => ({ division_code: { [Op.like]: `${prefix}%` } })) }),
        },
        order: [['id', 'DESC']],
        limit: 200,
      });
      const numbers = await caseNumbers(rows);
      const evidence = new Map(
        await Promise.all(rows.map(async (r) => [r.id, await materials.listForReport(r.id)] as const)),
      );
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.report.list',
        target: { type: 'division', id: all ? '*' : staff.scope.divisions.join(',') },
        detail: { reports: rows.length },
      });
      return {
        items: rows.map((r) => ({
          ...base(r, numbers),
          reporterName: maskName(p.pii.decrypt(r.reporter_name_enc)),
          evidence: evidence.get(r.id) ?? [],
        })),
      };
    },

    /** 受理 (handling) then 办结 (closed, with the result the reporter reads); a closed report stays closed. */
    async handle(staff: StaffPrincipal, id: number, body: ReportHandleBody) {
      const row = await inScope(staff, id);
      if (row.status === 'closed') throw conflict('REPORT_CLOSED', '该举报已办结，不能再次处理');
      if (body.status === 'handling' && row.status === 'handling')
        throw conflict('REPORT_HANDLING', '该举报已在核查中');
      const now = p.clock.date();
      await p.db.transaction(async (transaction) => {
        await row.update(
          {
            status: body.status,
            result: body.result ?? row.result,
            handled_by: staff.id,
            handled_at: now,
            updated_at: now,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `assistance.report.${body.status}`,
            target: { type: 'assistance_report', id: row.number },
          },
          transaction,
        );
        // The reporter learns each step in 消息 (and on WeChat when they allow 投诉举报进度).
        await notices.notify(
          { userId: row.user_id },
          REPORT_TEMPLATE,
          {
            number: row.number,
            status: REPORT_STATUS_NAMES[body.status],
            result: body.status === 'closed' ? (body.result ?? row.result ?? '') : '',
          },
          pageLink('assistanceReports', { number: row.number }),
          { transaction },
        );
      });
      const numbers = await caseNumbers([row]);
      return {
        report: {
          ...base(row, numbers),
          reporterName: maskName(p.pii.decrypt(row.reporter_name_enc)),
          evidence: await materials.listForReport(row.id),
        },
      };
    },

    async evidence(staff: StaffPrincipal, id: number, token: string) {
      const row = await inScope(staff, id);
      const material = await materials.readOfReport(row.id, token);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.report.evidence',
        target: { type: 'assistance_report', id: row.number },
      });
      return material;
    },
  };
}

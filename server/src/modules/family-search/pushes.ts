import { Op } from 'sequelize';
import {
  PUSH_LEVEL_LABELS,
  PUSH_STATUS_LABELS,
  PUSH_WIDEN_AFTER_DAYS,
  pageLink,
  type PushLevel,
  SEX_LABELS,
} from '@minzheng/contracts';
import { divisionPrefixes } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { FamilySearchModels, NoticeRow, PushRow } from './models';
import { PUBLIC_STATUSES } from './notices';

export const PUSH_JOB = 'family-search.push';
export const WIDEN_JOB = 'family-search.widen';
export const REGION_NOTICE = 'family_search.region';
const DAY_MS = 86_400_000;

const NEXT_LEVEL: Record<PushLevel, PushLevel | null> = { county: 'city', city: 'province', province: null };

/** The 6-digit code of the level around the found place: 110105 → 110105 / 110100 / 110000. */
export function levelCode(foundDivisionCode: string, level: PushLevel) {
  const county = foundDivisionCode.slice(0, 6);
  return level === 'county' ? county : level === 'city' ? `${county.slice(0, 4)}00` : `${county.slice(0, 2)}0000`;
}
/** The prefix followers' division codes start with inside that level: 110100 → 1101. */
const prefixOf = (code: string) => code.replace(/(00)+$/, '');

export const pushView = (r: PushRow) => ({
  id: r.id,
  noticeId: r.notice_id,
  level: r.level,
  levelLabel: PUSH_LEVEL_LABELS[r.level],
  divisionCode: r.division_code,
  status: r.status,
  statusLabel: PUSH_STATUS_LABELS[r.status],
  recipients: r.recipients,
  proposedAt: new Date(r.proposed_at).toISOString(),
  approvedBy: r.approved_by,
  sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
});

/**
 * Reaching people nearby: a new notice goes to the public-account followers of the found
 * place's county at once; the widening job proposes the city after PUSH_WIDEN_AFTER_DAYS.city
 * days and the province after .province days while the notice is unresolved; station staff
 * approve each widening. Every level of a notice pushes with one key, so a follower already
 * told (in the county) is skipped by the wider push and nobody gets it twice.
 */
export function makePushes(p: Platform, m: FamilySearchModels, notices: NoticesApi) {
  async function send(pushId: number) {
    const push = await m.Push.findByPk(pushId, { raw: true });
    if (!push || push.status !== 'sending') return;
    const n = await m.Notice.findByPk(push.notice_id, { raw: true });
    if (!n || !PUBLIC_STATUSES.includes(n.status)) {
      // Resolved meanwhile: nothing more goes out.
      await m.Push.update({ status: 'sent', sent_at: p.clock.date() }, { where: { id: pushId, status: 'sending' } });
      return;
    }
    const queued = await notices.pushToFollowers(
      { kind: 'region', divisionCode: prefixOf(push.division_code) },
      REGION_NOTICE,
      {
        person: `${SEX_LABELS[n.sex]}，约${n.age_min}–${n.age_max}岁`,
        place: n.found_place,
        date: n.found_date,
        station: `${n.station_name} ${n.station_contact}`,
      },
      pageLink('familySearch', { notice: n.id }),
      `fs-n${n.id}`,
    );
    await m.Push.update(
      { status: 'sent', recipients: queued, sent_at: p.clock.date() },
      { where: { id: pushId, status: 'sending' } },
    );
  }

  async function start(notice: NoticeRow, level: PushLevel, staffId: number | null) {
    const now = p.clock.date();
    const [row] = await m.Push.findOrCreate({
      where: { notice_id: notice.id, level },
      defaults: {
        notice_id: notice.id,
        level,
        division_code: levelCode(notice.found_division_code, level),
        status: 'sending',
        recipients: 0,
        proposed_at: now,
        approved_by: staffId,
        approved_at: now,
      },
    });
    await p.jobs.enqueue(PUSH_JOB, { pushId: row.id }, { jobId: `fs-push-${row.id}` });
  }

  /** Unresolved notices whose last push is old enough get the next level proposed (once: unique key). */
  async function widen() {
    const now = p.clock.now();
    let proposed = 0;
    for (const level of ['city', 'province'] as const) {
      const before: PushLevel = level === 'city' ? 'county' : 'city';
      const cutoff = new Date(now - PUSH_WIDEN_AFTER_DAYS[level] * DAY_MS);
      const due = await m.Push.findAll({
        where: { level: before, status: 'sent', sent_at: { [Op.lte]: cutoff } },
        attributes: ['notice_id'],
        raw: true,
      });
      if (!due.length) continue;
      const ids = due.map((d) => d.notice_id);
      const already = new Set(
        (await m.Push.findAll({ where: { notice_id: ids, level }, attributes: ['notice_id'], raw: true })).map(
          (r) => r.notice_id,
        ),
      );
      const open = await m.Notice.findAll({
        where: { id: ids.filter((i) => !already.has(i)), status: PUBLIC_STATUSES },
        raw: true,
      });
      for (const n of open) {
        const [, created] = await m.Push.findOrCreate({
          where: { notice_id: n.id, level },
          defaults: {
            notice_id: n.id,
            level,
            division_code: levelCode(n.found_division_code, level),
            status: 'proposed',
            recipients: 0,
            proposed_at: p.clock.date(),
            approved_by: null,
            approved_at: null,
          },
        });
        if (created) proposed++;
      }
    }
    return proposed;
  }

  p.jobs.define<{ pushId: number }>(PUSH_JOB, async ({ pushId }) => send(pushId), { attempts: 5, backoffMs: 2000 });
  p.jobs.define(WIDEN_JOB, async () => {
    await widen();
  });

  return {
    /** The county push of a new notice (no approval: the found place's own county). */
    onPublished: (n: NoticeRow) => start(n, 'county', null),
    widen,
    async forNotice(noticeId: number) {
      const rows = await m.Push.findAll({ where: { notice_id: noticeId }, order: [['id', 'ASC']], raw: true });
      const last = rows[rows.length - 1];
      return {
        items: rows.map(pushView),
        next: last && last.status === 'sent' && NEXT_LEVEL[last.level] ? NEXT_LEVEL[last.level] : null,
      };
    },
    /** Widenings waiting for approval in the staff member's divisions. */
    async proposed(staff: StaffPrincipal) {
      const prefixes = divisionPrefixes(staff);
      const notices = await m.Notice.findAll({
        where: {
          status: PUBLIC_STATUSES,
          ...(prefixes
            ? { [Op.or]: prefixes.map((pre) => ({ station_division_code: { [Op.startsWith]: pre } })) }
            : {}),
        },
        attributes: ['id', 'found_place', 'found_date', 'station_name'],
        raw: true,
      });
      if (!notices.length) return { items: [] };
      const byId = new Map(notices.map((n) => [n.id, n]));
      const rows = await m.Push.findAll({
        where: { status: 'proposed', notice_id: [...byId.keys()] },
        order: [['id', 'ASC']],
        limit: 200,
        raw: true,
      });
      return {
        items: rows.map((r) => ({
          ...pushView(r),
          foundPlace: byId.get(r.notice_id)!.found_place,
          foundDate: byId.get(r.notice_id)!.found_date,
        })),
      };
    },
    /** Station staff approve a proposed widening; it is sent by the job. Audited. */
    async approve(staff: StaffPrincipal, notice: NoticeRow, level: PushLevel) {
      if (!PUBLIC_STATUSES.includes(notice.status)) throw badRequest('NOTICE_CLOSED', '该寻亲公告已结束，不再扩大推送');
      const row = await m.Push.findOne({ where: { notice_id: notice.id, level }, raw: true });
      if (!row) throw conflict('PUSH_NOT_PROPOSED', `尚未到扩大推送至「${PUSH_LEVEL_LABELS[level]}」的时间`);
      if (row.status !== 'proposed') throw conflict('PUSH_ALREADY_APPROVED', '该范围的推送已批准');
      await p.db.transaction(async (transaction) => {
        const [moved] = await m.Push.update(
          { status: 'sending', approved_by: staff.id, approved_at: p.clock.date() },
          { where: { id: row.id, status: 'proposed' }, transaction },
        );
        if (!moved) throw conflict('PUSH_ALREADY_APPROVED', '该范围的推送已批准');
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'family_search.push_widen',
            target: { type: 'family_search_notice', id: notice.id },
            detail: { level, divisionCode: row.division_code },
          },
          transaction,
        );
      });
      await p.jobs.enqueue(PUSH_JOB, { pushId: row.id }, { jobId: `fs-push-${row.id}` });
      return pushView({ ...row, status: 'sending', approved_by: staff.id });
    },
  };
}

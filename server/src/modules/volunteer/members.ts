import { Op, UniqueConstraintError } from 'sequelize';
import { MEMBER_STATUS_NAMES } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { maskName } from '../identity';
import type { Access } from './access';
import type { VolunteerDeps } from './deps';
import {
  alreadyMemberError,
  joinPendingError,
  memberNotFoundError,
  memberNotPendingError,
  orgNotFoundError,
} from './errors';
import type { MemberRow, MemberStatus } from './models';
import type { VolunteerNotices } from './notices';
import type { Volunteers } from './volunteers';

/**
 * Members of a volunteer organization. A volunteer applies to join (with a note); the
 * organization's admins (or an officer of its division) approve or refuse with a reason; the
 * volunteer is told either way through notify(). A refused volunteer may apply again. The
 * reviewer is the organization, not an organ of government, so this is not a case of the cases
 * engine (as sign-ups are not).
 */
export function makeMembers(deps: VolunteerDeps, access: Access, volunteers: Volunteers, tell: VolunteerNotices) {
  const { p, models } = deps;

  const view = (m: MemberRow) => ({
    id: m.id,
    orgId: m.org_id,
    status: m.status,
    statusName: MEMBER_STATUS_NAMES[m.status],
    note: m.note,
    reason: m.reason,
    appliedAt: m.applied_at,
    decidedAt: m.decided_at,
  });

  return {
    /** Public: organizations one may apply to join, in a division (prefix). */
    async publicList(divisionCode?: string) {
      const where = divisionCode ? { division_code: { [Op.like]: `${divisionCode}%` } } : {};
      const orgs = await models.Org.findAll({ where, order: [['id', 'ASC']], limit: 200 });
      return {
        items: orgs.map((o) => ({ id: o.id, name: o.name, divisionCode: o.division_code, contact: o.contact })),
      };
    },
    async apply(userId: number, orgId: number, note?: string) {
      const volunteer = await volunteers.require(userId);
      const org = await models.Org.findByPk(orgId);
      if (!org) throw orgNotFoundError();
      const member = await p.db.transaction(async (transaction) => {
        const existing = await models.Member.findOne({
          where: { org_id: orgId, volunteer_id: volunteer.id },
          transaction,
          lock: transaction.LOCK.UPDATE,
        });
        if (existing?.status === 'approved') throw alreadyMemberError();
        if (existing?.status === 'pending') throw joinPendingError();
        const fields = {
          status: 'pending' as MemberStatus,
          note: note ?? null,
          reason: null,
          decided_by: null,
          decided_at: null,
          applied_at: p.clock.date(),
        };
        let row: MemberRow;
        if (existing) {
          // Refused or left before: applies again on the same row (one row per person and org).
          const [n] = await models.Member.update(fields, {
            where: { id: existing.id, status: existing.status },
            transaction,
          });
          if (n !== 1) throw joinPendingError();
          row = (await models.Member.findByPk(existing.id, { transaction }))!;
        } else {
          try {
            row = await models.Member.create({ org_id: orgId, volunteer_id: volunteer.id, ...fields }, { transaction });
          } catch (err) {
            if (err instanceof UniqueConstraintError) throw joinPendingError();
            throw err;
          }
        }
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'volunteer.member.apply',
            target: { type: 'volunteer_org_member', id: row.id },
          },
          transaction,
        );
        return row;
      });
      return { member: { ...view(member), orgName: org.name } };
    },
    async mine(userId: number) {
      const volunteer = await volunteers.require(userId);
      const rows = await models.Member.findAll({ where: { volunteer_id: volunteer.id }, order: [['id', 'DESC']] });
      const orgs = await models.Org.findAll({ where: { id: { [Op.in]: rows.map((r) => r.org_id) } } });
      const names = new Map(orgs.map((o) => [o.id, o.name]));
      return { items: rows.map((r) => ({ ...view(r), orgName: names.get(r.org_id) ?? '' })) };
    },
    /** The organization's members and applicants, names masked (a roster read: audited). */
    async forOrg(staff: StaffPrincipal, orgId: number, status?: MemberStatus) {
      const org = await access.org(staff, orgId);
      const where: Record<string, unknown> = { org_id: org.id };
      if (status) where.status = status;
      const rows = await models.Member.findAll({ where, order: [['id', 'DESC']], limit: 500 });
      const people = await models.Volunteer.findAll({ where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } } });
      const byId = new Map(people.map((v) => [v.id, v]));
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.member.list',
        target: { type: 'volunteer_org', id: org.id },
      });
      return {
        items: rows.map((r) => {
          const v = byId.get(r.volunteer_id)!;
          return {
            ...view(r),
            volunteer: { number: v.number, name: maskName(p.pii.decrypt(v.name_enc)), skills: v.skills },
          };
        }),
      };
    },
    async decide(staff: StaffPrincipal, memberId: number, decision: 'approve' | 'refuse', reason?: string) {
      const member = await models.Member.findByPk(memberId);
      if (!member) throw memberNotFoundError();
      const org = await access.org(staff, member.org_id).catch(() => {
        throw memberNotFoundError();
      });
      await p.db.transaction(async (transaction) => {
        const [n] = await models.Member.update(
          {
            status: decision === 'approve' ? 'approved' : 'refused',
            reason: reason ?? null,
            decided_by: staff.id,
            decided_at: p.clock.date(),
          },
          { where: { id: member.id, status: 'pending' }, transaction },
        );
        if (n !== 1) throw memberNotPendingError();
        await tell.tell(
          member.volunteer_id,
          decision === 'approve'
            ? { title: '入队申请已通过', body: `您已加入「${org.name}」。` }
            : { title: '入队申请未通过', body: `您申请加入「${org.name}」未通过：${reason}` },
          { orgs: true },
          transaction,
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `volunteer.member.${decision}`,
            target: { type: 'volunteer_org_member', id: member.id },
            detail: reason ? { reason } : undefined,
          },
          transaction,
        );
      });
      await member.reload();
      return { member: view(member) };
    },
    /** The division an organization belongs to (a broadcast to its members is checked against it). */
    async orgDivision(orgId: number): Promise<string | null> {
      if (!Number.isInteger(orgId) || orgId <= 0) return null;
      return (await models.Org.findByPk(orgId))?.division_code ?? null;
    },
    /** The user ids of an organization's approved members who have an account (broadcasts). */
    async memberUserIds(orgId: number): Promise<number[]> {
      if (!Number.isInteger(orgId) || orgId <= 0) return [];
      const rows = await models.Member.findAll({
        where: { org_id: orgId, status: 'approved' },
        attributes: ['volunteer_id'],
      });
      if (!rows.length) return [];
      const people = await models.Volunteer.findAll({
        where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) }, user_id: { [Op.ne]: null } },
        attributes: ['user_id'],
      });
      return people.map((v) => v.user_id!);
    },
  };
}

export type Members = ReturnType<typeof makeMembers>;

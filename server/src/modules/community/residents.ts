import { Op, UniqueConstraintError } from 'sequelize';
import { RESIDENT_STATUS_NAMES, pageLink } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { maskIdNumber, maskName } from '../identity';
import { assertCommunity, scopeWhere } from './access';
import type { CommunityDeps } from './deps';
import {
  alreadyResidentError,
  notResidentError,
  nothingToWithdrawError,
  personTakenError,
  realNameRequiredError,
  refusedNotWithdrawnError,
  residentDecidedError,
  residentNotFoundError,
  residentWithdrawnError,
} from './errors';
import type { ResidentRow } from './models';
import type { Pages } from './pages';

export const RESIDENT_NOTICE = 'community.resident';

/**
 * Residents: a real-named citizen asks to be registered in the 村/社区 they live in (one place
 * per person, by the keyed hash of the ID number); the community's staff confirm or refuse,
 * once. Only confirmed residents propose, comment and vote.
 */
export function makeResidents(deps: CommunityDeps, pages: Pages) {
  const { p, models, identity, notices } = deps;
  notices.templates.register<{ community: string; result: string }>({
    key: RESIDENT_NOTICE,
    kind: 'application',
    render: (d) => ({ title: `居民登记${d.result}`, body: `${d.community}：${d.result}` }),
  });

  const mine = (r: ResidentRow, name: string) => ({
    id: r.id,
    code: r.division_code,
    communityName: name,
    address: r.address,
    status: r.status,
    statusLabel: RESIDENT_STATUS_NAMES[r.status],
    reason: r.reason,
    createdAt: new Date(r.created_at).toISOString(),
  });

  return {
    async apply(userId: number, code: string, address: string) {
      const community = await pages.community(code);
      const real = await identity.realNameOf(userId);
      if (!real) throw realNameRequiredError();
      const existing = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
      if (existing && existing.status !== 'rejected' && existing.status !== 'withdrawn')
        throw alreadyResidentError(RESIDENT_STATUS_NAMES[existing.status]);
      const hash = p.pii.hash(real.idNumber);
      const values = {
        division_code: code,
        id_number_hash: hash,
        address,
        status: 'pending' as const,
        reason: null,
        decided_by: null,
        decided_at: null,
        created_at: p.clock.date(),
      };
      try {
        const row = await p.db.transaction(async (transaction) => {
          // A refused or withdrawn registration is made again on the same row (elsewhere, or
          // with a better address): the ballots it cast stay its own, so withdrawing and
          // registering again never gives a second vote on the same proposal.
          if (existing) {
            const [count] = await models.Resident.update(values, {
              where: { id: existing.id, status: existing.status },
              transaction,
            });
            if (!count) return null;
            return models.Resident.findByPk(existing.id, { transaction });
          }
          return models.Resident.create({ user_id: userId, ...values }, { transaction });
        });
        if (!row) {
          const again = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
          throw alreadyResidentError(RESIDENT_STATUS_NAMES[again?.status ?? 'pending']);
        }
        return { resident: mine(row.get({ plain: true }) as ResidentRow, community.name) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          const again = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
          if (again && again.status !== 'rejected' && again.status !== 'withdrawn')
            throw alreadyResidentError(RESIDENT_STATUS_NAMES[again.status]);
          throw personTakenError();
        }
        throw err;
      }
    },

    /**
     * The citizen withdraws their own registration, waiting or confirmed: from then on they
     * no longer propose, comment or vote there (ballots already cast stay counted). They may
     * apply again, and the community confirms them again.
     */
    async withdraw(userId: number) {
      const row = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
      if (!row || row.status === 'withdrawn') throw nothingToWithdrawError();
      if (row.status === 'rejected') throw refusedNotWithdrawnError();
      const view = await pages.community(row.division_code).catch(() => null);
      const name = view?.name ?? '该村/社区';
      await p.db.transaction(async (transaction) => {
        // Whatever staff decide at the same moment, a waiting or confirmed row becomes withdrawn once.
        const [count] = await models.Resident.update(
          { status: 'withdrawn' },
          { where: { id: row.id, status: { [Op.in]: ['pending', 'confirmed'] } }, transaction },
        );
        if (!count) throw nothingToWithdrawError();
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'community.resident.withdraw',
            target: { type: 'community_resident', id: row.id },
            detail: { was: row.status },
          },
          transaction,
        );
      });
      const after = (await models.Resident.findByPk(row.id, { raw: true }))!;
      return {
        resident: mine(after, view?.name ?? ''),
        message:
          row.status === 'confirmed'
            ? `已撤回您在${name}的居民登记。撤回后不能再在${name}提出议题、发表意见或投票（已投的票仍然有效）；如需参与，可重新申请登记，经社区确认后恢复。`
            : `已撤回您在${name}的居民登记申请，社区不会再处理这份申请；如需登记，可重新申请。`,
      };
    },

    async mine(userId: number) {
      const row = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
      // A withdrawn registration is none: the citizen may apply again, anywhere.
      if (!row || row.status === 'withdrawn') return { resident: null };
      const view = await pages.community(row.division_code).catch(() => null);
      return { resident: mine(row, view?.name ?? '') };
    },

    /** The confirmed resident row of this citizen in this community, or 403 NOT_RESIDENT. */
    async requireResident(userId: number, code: string): Promise<ResidentRow> {
      const row = await models.Resident.findOne({
        where: { user_id: userId, division_code: code, status: 'confirmed' },
        raw: true,
      });
      if (!row) throw notResidentError();
      return row;
    },

    /** Applications in the staff member's scope, with names and ID numbers masked (audited: personal data). */
    async staffList(staff: StaffPrincipal, status?: string) {
      const where = scopeWhere(staff);
      const rows = await models.Resident.findAll({
        where: { ...(where ?? {}), ...(status ? { status } : {}) },
        order: [['id', 'DESC']],
        limit: 500,
        raw: true,
      });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'community.residents.list',
        detail: { count: rows.length, status: status ?? null },
      });
      return {
        items: await Promise.all(
          rows.map(async (r) => {
            const real = await identity.realNameOf(r.user_id);
            const view = await pages.community(r.division_code).catch(() => null);
            return {
              id: r.id,
              code: r.division_code,
              communityName: view?.name ?? '',
              name: real ? maskName(real.name) : '',
              idNumber: real ? maskIdNumber(real.idNumber) : '',
              address: r.address,
              status: r.status,
              statusLabel: RESIDENT_STATUS_NAMES[r.status],
              reason: r.reason,
              createdAt: new Date(r.created_at).toISOString(),
            };
          }),
        ),
      };
    },

    async decide(staff: StaffPrincipal, id: number, decision: 'confirm' | 'reject', reason?: string) {
      const row = await models.Resident.findByPk(id, { raw: true });
      if (!row) throw residentNotFoundError();
      assertCommunity(staff, row.division_code, '居民登记申请');
      if (row.status === 'withdrawn') throw residentWithdrawnError();
      const status = decision === 'confirm' ? 'confirmed' : 'rejected';
      await p.db.transaction(async (transaction) => {
        // Once: only a pending application changes, whoever else decides at the same moment.
        const [count] = await models.Resident.update(
          { status, reason: reason ?? null, decided_by: staff.id, decided_at: p.clock.date() },
          { where: { id, status: 'pending' }, transaction },
        );
        if (!count) {
          const now = await models.Resident.findByPk(id, { raw: true, transaction });
          throw now?.status === 'withdrawn' ? residentWithdrawnError() : residentDecidedError();
        }
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: `community.resident.${decision}`,
            target: { type: 'community_resident', id },
          },
          transaction,
        );
        const community = await pages.community(row.division_code);
        await notices.notify(
          { userId: row.user_id },
          RESIDENT_NOTICE,
          {
            community: community.name,
            result: decision === 'confirm' ? '已确认' : `未予确认（${reason ?? ''}）`,
          },
          pageLink('community', { code: row.division_code }),
          { transaction },
        );
      });
      const after = await models.Resident.findByPk(id, { raw: true });
      return { resident: { id, status: after!.status, statusLabel: RESIDENT_STATUS_NAMES[after!.status] } };
    },
  };
}

export type Residents = ReturnType<typeof makeResidents>;

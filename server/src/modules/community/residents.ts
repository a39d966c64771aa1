import { UniqueConstraintError } from 'sequelize';
import { RESIDENT_STATUS_NAMES, pageLink } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { maskIdNumber, maskName } from '../identity';
import { assertCommunity, scopeWhere } from './access';
import type { CommunityDeps } from './deps';
import {
  alreadyResidentError,
  notResidentError,
  personTakenError,
  realNameRequiredError,
  residentDecidedError,
  residentNotFoundError,
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
      if (existing && existing.status !== 'rejected')
        throw alreadyResidentError(RESIDENT_STATUS_NAMES[existing.status]);
      const hash = p.pii.hash(real.idNumber);
      try {
        const row = await p.db.transaction(async (transaction) => {
          // A refused application may be made again (elsewhere, or with a better address).
          if (existing) await models.Resident.destroy({ where: { id: existing.id }, transaction });
          return models.Resident.create(
            {
              user_id: userId,
              division_code: code,
              id_number_hash: hash,
              address,
              status: 'pending',
              reason: null,
              decided_by: null,
              decided_at: null,
              created_at: p.clock.date(),
            },
            { transaction },
          );
        });
        return { resident: mine(row.get({ plain: true }) as ResidentRow, community.name) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) {
          const again = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
          if (again) throw alreadyResidentError(RESIDENT_STATUS_NAMES[again.status]);
          throw personTakenError();
        }
        throw err;
      }
    },

    async mine(userId: number) {
      const row = await models.Resident.findOne({ where: { user_id: userId }, raw: true });
      if (!row) return { resident: null };
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
      const status = decision === 'confirm' ? 'confirmed' : 'rejected';
      await p.db.transaction(async (transaction) => {
        // Once: only a pending application changes, whoever else decides at the same moment.
        const [count] = await models.Resident.update(
          { status, reason: reason ?? null, decided_by: staff.id, decided_at: p.clock.date() },
          { where: { id, status: 'pending' }, transaction },
        );
        if (!count) throw residentDecidedError();
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

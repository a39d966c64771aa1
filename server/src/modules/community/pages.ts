import type { CommitteeMember, CommunityPage } from '@minzheng/contracts';
import { pageLink } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import type { DivisionView } from '@minzheng/contracts';
import { assertCommunity } from './access';
import { type CommunityDeps, parseJson } from './deps';
import { communityNotFoundError, streetNotFoundError } from './errors';
import type { ProfileRow } from './models';

export interface ProfileInput {
  address?: string | null;
  officeHours?: string | null;
  phone?: string | null;
  services: string[];
  committee: CommitteeMember[];
}

/** 村民委员会 / 居民委员会: the NBS names end in 村委会 or 社区居委会 (and a few 居委会, 管委会 …). */
const kindOf = (name: string): 'village' | 'community' => (/村(民)?委员?会$|村$/.test(name) ? 'village' : 'community');

// Divisions never change under a running process (codes are never reused): the lookups of the
// most asked communities are kept, bounded.
const LOOKUPS_KEPT = 20_000;

/**
 * Every 村 and 社区 is a page: what the division register knows (name, 乡镇/街道, county) and,
 * once its staff fill it in, the committee, office hours, address, services and the 社工站 of
 * its 乡镇/街道. The communities themselves are the divisions module's fifth level.
 */
export function makePages({ p, models, divisions }: CommunityDeps) {
  const lookups = new Map<string, DivisionView | null>();
  async function lookup(code: string): Promise<DivisionView | null> {
    let view = lookups.get(code);
    if (view === undefined) {
      view = (await divisions.lookup(code)) ?? null;
      if (lookups.size >= LOOKUPS_KEPT) lookups.delete(lookups.keys().next().value!);
      lookups.set(code, view);
    }
    return view;
  }

  /** The current community a 12-digit code names, or 404. */
  async function community(code: string): Promise<DivisionView> {
    if (!/^\d{12}$/.test(code)) throw communityNotFoundError();
    const view = await lookup(code);
    if (!view || view.level !== 5 || view.status !== 'current') throw communityNotFoundError();
    return view;
  }

  function toPage(view: DivisionView, profile: ProfileRow | null): CommunityPage {
    // NBS codes of development zones (130271 …) have no GB/T 2260 county: the page still opens.
    const street = view.parentPath.find((d) => d.level === 4) ?? { code: view.code.slice(0, 9), name: '' };
    const county = view.parentPath.find((d) => d.level === 3) ?? { code: view.code.slice(0, 6), name: '' };
    const kind = kindOf(view.name);
    return {
      code: view.code,
      name: view.name,
      kind,
      kindLabel: kind === 'village' ? '村' : '社区',
      fullName: view.fullName,
      street: { code: street.code, name: street.name },
      county: { code: county.code, name: county.name },
      address: profile?.address ?? null,
      officeHours: profile?.office_hours ?? null,
      phone: profile?.phone ?? null,
      services: parseJson<string[]>(profile?.services ?? null, []),
      committee: parseJson<CommitteeMember[]>(profile?.committee ?? null, []),
      socialWorkStation: { divisionCode: street.code, link: pageLink('divisions', { code: street.code }) },
      profiled: profile !== null,
    };
  }

  return {
    community,
    async page(code: string): Promise<CommunityPage> {
      const view = await community(code);
      const profile = await models.Profile.findOne({ where: { division_code: code }, raw: true });
      return toPage(view, profile);
    },
    /** The 村 and 社区 of a 乡镇/街道, in code order. */
    async childrenOf(streetCode: string) {
      const street = await lookup(streetCode);
      if (!street || street.level !== 4) throw streetNotFoundError();
      const items = await divisions.villagesOf(streetCode);
      return {
        street: { code: street.code, name: street.name, fullName: street.fullName },
        items: items.map((d) => {
          const kind = kindOf(d.name);
          return { code: d.code, name: d.name, kind, kindLabel: kind === 'village' ? '村' : '社区' };
        }),
      };
    },
    async updateProfile(staff: StaffPrincipal, code: string, input: ProfileInput): Promise<CommunityPage> {
      const view = await community(code);
      assertCommunity(staff, code);
      if (input.committee.some((m) => !m.name || !m.role))
        throw badRequest('VALIDATION_FAILED', '请填写成员姓名和职务');
      const values = {
        address: input.address ?? null,
        office_hours: input.officeHours ?? null,
        phone: input.phone ?? null,
        services: JSON.stringify(input.services),
        committee: JSON.stringify(input.committee),
        updated_by: staff.id,
        updated_at: p.clock.date(),
      };
      await p.db.transaction(async (transaction) => {
        const [count] = await models.Profile.update(values, { where: { division_code: code }, transaction });
        if (!count) await models.Profile.create({ division_code: code, ...values }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'community.profile.update',
            target: { type: 'community', id: code },
          },
          transaction,
        );
      });
      const profile = await models.Profile.findOne({ where: { division_code: code }, raw: true });
      return toPage(view, profile);
    },
  };
}

export type Pages = ReturnType<typeof makePages>;

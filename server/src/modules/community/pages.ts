import type { CommitteeMember, CommunityPage } from '@minzheng/contracts';
import { pageLink } from '@minzheng/contracts';
import { createAskedLately, createVersionedMemo } from '../../platform/cache';
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
/** Pages and 乡镇 lists kept ready to send in each process (bounded; the version retires them). */
const ANSWERS_KEPT = 20_000;
/**
 * How long a kept answer lives at most. A profile change retires them at once (the version);
 * this bounds only how long one outlives a change whose bump could not reach Redis.
 */
const ANSWER_TTL_MS = 5 * 60_000;
/** Up to this many profiled communities are known by code, so a page without one reads no row. */
const PROFILED_KNOWN = 50_000;
/**
 * Every 村 and 社区 is a page: what the division register knows (name, 乡镇/街道, county) and,
 * once its staff fill it in, the committee, office hours, address, services and the 社工站 of
 * its 乡镇/街道. The communities themselves are the divisions module's fifth level.
 */
export function makePages({ p, models, divisions }: CommunityDeps) {
  // The answers of the public page and the 乡镇 list, as the JSON bytes sent, kept in this
  // process under a version in the shared cache (Redis across processes) that a profile change
  // bumps after its commit: a warm read touches neither the database nor the package's file.
  // The version is read afresh for every request (one round trip shared by the requests that
  // arrive together: createSharedVersion), so no process answers from before an edit that has
  // returned.
  const answers = createVersionedMemo<Buffer | Set<string> | null>(p.cache, 'community:pages:v', {
    ttlMs: ANSWER_TTL_MS,
    maxEntries: ANSWERS_KEPT,
    pollMs: 0,
  });
  const json = (body: unknown) => Buffer.from(JSON.stringify(body));
  // A page or a 乡镇's list is kept from its second ask (lately): building one from memory costs
  // less than the old-generation garbage every kept random answer becomes when it is pushed out.
  const pageAsked = createAskedLately();
  const streetAsked = createAskedLately();
  const lookups = new Map<string, DivisionView | null>();
  async function lookup(code: string, keep = true): Promise<DivisionView | null> {
    let view = lookups.get(code);
    if (view === undefined) {
      view = (await divisions.lookup(code)) ?? null;
      // Once the 乡镇 and 村/社区 are in memory a lookup is a binary search: a copy kept of each
      // random one would only be garbage for the old generation.
      if (!keep || divisions.deepInMemory()) return view;
      if (lookups.size >= LOOKUPS_KEPT) lookups.delete(lookups.keys().next().value!);
      lookups.set(code, view);
    }
    return view;
  }

  /**
   * The current community a 12-digit code names, or 404. `keep: false` for the public page,
   * whose answer is kept whole: its lookup is not kept a second time.
   */
  async function community(code: string, keep = true): Promise<DivisionView> {
    if (!/^\d{12}$/.test(code)) throw communityNotFoundError();
    const view = await lookup(code, keep);
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

  /**
   * The codes of the communities with a profile (kept under the same version as the pages), so
   * the page of one without (nearly all of them) reads no row; null when there are too many to
   * keep, and then every page reads its row.
   */
  function profiledCodes(version?: string): Promise<Set<string> | null> {
    const load = async () => {
      const rows = await models.Profile.findAll({
        attributes: ['division_code'],
        order: [['id', 'ASC']],
        limit: PROFILED_KNOWN + 1,
        raw: true,
      });
      return rows.length > PROFILED_KNOWN ? null : new Set(rows.map((r) => r.division_code));
    };
    // Under the version the page's own read just brought (no second read of it), else its own.
    return (
      version === undefined ? answers.get('profiled', load) : answers.getAt(version, 'profiled', load)
    ) as Promise<Set<string> | null>;
  }

  /** `version`: the kept answers' version the caller has just read, when it has. */
  async function page(code: string, keep = true, version?: string): Promise<CommunityPage> {
    const view = await community(code, keep);
    const known = await profiledCodes(version);
    const profile =
      known && !known.has(code) ? null : await models.Profile.findOne({ where: { division_code: code }, raw: true });
    return toPage(view, profile);
  }

  /** The 村 and 社区 of a 乡镇/街道, in code order. */
  async function childrenOf(streetCode: string) {
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
  }

  return {
    community,
    page,
    childrenOf,
    /** `{ community: page }` as the JSON bytes to send, from this process's copy when it has one. */
    pageJson(code: string): Promise<Buffer> {
      return answers.get(
        `page:${code}`,
        async (version) => json({ community: await page(code, false, version) }),
        () => pageAsked(code),
      ) as Promise<Buffer>;
    },
    /** A 乡镇/街道's communities as the JSON bytes to send, from this process's copy when it has one. */
    childrenJson(streetCode: string): Promise<Buffer> {
      return answers.get(
        `street:${streetCode}`,
        async () => json(await childrenOf(streetCode)),
        () => streetAsked(streetCode),
      ) as Promise<Buffer>;
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
      // Committed: every kept page retires, in every process, before this returns.
      await answers.bump().catch((err) => p.logger.warn({ err: err.message, code }, 'community pages not retired'));
      const profile = await models.Profile.findOne({ where: { division_code: code }, raw: true });
      return toPage(view, profile);
    },
  };
}

export type Pages = ReturnType<typeof makePages>;

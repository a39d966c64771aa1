import { badRequest, notFound } from '../../platform/errors';
import { chinaToday, CREDIT_STATUS_NAMES, deriveCreditStatus, dueTransitions, effectiveEntries } from './credit';
import type { SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import { checkUscc, normalizeUscc, USCC_MESSAGES, usccWarnings } from './uscc';
import { toEntryFacts, toEntryView, toInspectionView, toOrgDetail, toPenaltyView, toRatingView, toTransitionView } from './views';

/** A credit code from a URL or a form: forgiving of case and spaces, strict on the check. */
export function parseUscc(input: string): string {
  const code = normalizeUscc(input);
  const problem = checkUscc(code);
  if (problem) throw badRequest('INVALID_USCC', USCC_MESSAGES[problem]);
  return code;
}

/**
 * The public profile of an organization: registration facts, the credit status derived for
 * the day asked (today by default) with the list history behind it, inspections, penalties
 * and the evaluation rating. Today's profile is served from the cache.
 */
export function makeProfile(m: SocialOrgModels, cache: OrgCache) {
  async function load(uscc: string, asOf: string) {
    const org = await m.Org.findOne({ where: { uscc } });
    if (!org) return null;
    const where = { where: { org_id: org.id } };
    const [inspections, penalties, ratings, entries, transitions] = await Promise.all([
      m.Inspection.findAll({ ...where, order: [['year', 'DESC'], ['kind', 'ASC']] }),
      m.Penalty.findAll({ ...where, order: [['decided_at', 'DESC'], ['id', 'DESC']] }),
      m.Rating.findAll({ ...where, order: [['valid_from', 'DESC'], ['id', 'DESC']] }),
      m.CreditEntry.findAll({ ...where, order: [['date_in', 'DESC'], ['id', 'DESC']] }),
      m.Transition.findAll({ ...where, order: [['effective_date', 'DESC'], ['id', 'DESC']] }),
    ]);
    const facts = entries.map(toEntryFacts);
    const creditStatus = deriveCreditStatus(facts, asOf);
    const effectiveOut = new Map(effectiveEntries(facts, asOf).map((e) => [e.id, e.dateOut]));
    const automatic = new Map(dueTransitions(facts, asOf).map((t) => [t.entryId, t.cause]));
    const ratingViews = ratings.filter((r) => r.valid_from <= asOf).map((r) => toRatingView(r, asOf));
    return {
      org: toOrgDetail({ ...org.get({ plain: true }), credit_status: creditStatus }),
      asOf,
      creditStatus,
      creditStatusName: CREDIT_STATUS_NAMES[creditStatus],
      creditHistory: entries.filter((e) => e.date_in <= asOf).map((e) => {
        const out = effectiveOut.get(e.id) ?? null;
        return toEntryView(e, out !== null && out <= asOf ? out : null, automatic.get(e.id) ?? e.reason_out);
      }),
      transitions: transitions.filter((t) => t.effective_date <= asOf).map(toTransitionView),
      inspections: inspections.map(toInspectionView),
      penalties: penalties.filter((x) => x.decided_at <= asOf).map(toPenaltyView),
      rating: ratingViews.find((r) => r.valid) ?? null,
      ratingHistory: ratingViews,
      codeWarnings: usccWarnings(uscc),
    };
  }

  return async function profile(usccInput: string, asOf?: string) {
    const uscc = parseUscc(usccInput);
    const today = chinaToday();
    const day = asOf ?? today;
    const body = day === today ? await cache.profile(uscc, today, () => load(uscc, today)) : await load(uscc, day);
    if (!body) throw notFound('未找到该统一社会信用代码对应的社会组织，请核实代码或谨防假冒');
    return body;
  };
}

export type Profile = NonNullable<Awaited<ReturnType<ReturnType<typeof makeProfile>>>>;

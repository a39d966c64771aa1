import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import { beijingDateAt } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { placeName } from '../cases';
import { CASE_TYPE_KEYS, KIND_NAMES, KIND_OF_TYPE } from './case-types';
import type { AssistanceDeps } from './deps';
import { publicityEndedError, realNameRequiredError } from './errors';

const PUBLICIZED_TYPES = [CASE_TYPE_KEYS.dibao, CASE_TYPE_KEYS.tekun];

/**
 * 公示: while a case sits in its 公示 stage, the community sees the minimum — the head of
 * household's masked name, the household size, the kind, the proposed monthly amount and the
 * period. The period ends by the engine's timer. Any real-named citizen may object with a
 * reason; the objection sends the case back to investigation. The objector's identity stays
 * with staff: the applicant's timeline says only that an objection came.
 */
export function makePublicity(deps: AssistanceDeps) {
  const { p, models, cases, identity } = deps;

  return {
    async list(community: string) {
      const rows = await cases.find({ types: PUBLICIZED_TYPES, stages: ['publicity'], divisionPrefix: community });
      const apps = rows.length ? await models.Application.findAll({ where: { case_id: rows.map((r) => r.id) } }) : [];
      const byCase = new Map(apps.map((a) => [a.case_id, a]));
      return {
        community,
        communityName: placeName(community.slice(0, 6)),
        items: rows
          .filter((r) => byCase.has(r.id))
          .map((r) => {
            const app = byCase.get(r.id)!;
            return {
              number: r.number,
              kind: app.kind,
              kindName: KIND_NAMES[KIND_OF_TYPE[r.type]],
              headName: app.head_name_masked,
              householdSize: app.household_size,
              proposedAmountCents: app.proposed_amount_cents,
              startsOn: r.stageEnteredOn,
              endsOn: r.dueOn,
            };
          }),
      };
    },

    async object(userId: number, number: string, reason: string) {
      if (!(await identity.realNameOf(userId))) throw realNameRequiredError();
      const ref = await cases.byNumber(number);
      if (!ref || !PUBLICIZED_TYPES.includes(ref.type)) throw publicityEndedError();
      if (ref.stage !== 'publicity' || (ref.dueOn && ref.dueOn < p.clock.today())) throw publicityEndedError();
      await p.db.transaction(async (transaction) => {
        await models.Objection.create(
          { case_id: ref.id, user_id: userId, reason, created_at: p.clock.date() },
          { transaction },
        );
        await cases.act(
          {
            caseId: ref.id,
            action: 'object',
            acting: { kind: 'citizen', userId, displayName: '公众' },
            opinion: '公示期间收到异议，将重新组织调查核实',
            version: ref.version,
          },
          { transaction },
        );
        await p.audit.record(
          { actor: { type: 'citizen', id: userId }, action: 'assistance.object', target: { type: 'case', id: number } },
          transaction,
        );
      });
      return { ok: true };
    },

    /**
     * 公示 management: every case of the staff member's divisions that has been publicized —
     * running or ended — with its latest period, the objections received (reasons; the
     * objector stays anonymous here too) and what happened after each, step by step. Audited:
     * objection reasons may name people.
     */
    /** Every 公示 of my divisions, running ones first, then newest; one page at a time (paged in SQL). */
    async forStaff(
      staff: StaffPrincipal,
      paging: { page: number; pageSize: number; show?: 'all' | 'running' | 'ended' } = { page: 1, pageSize: 20 },
    ) {
      const all = staff.roles.includes('admin') || staff.scope.divisions.includes('');
      const found = await cases.findEntered({
        types: PUBLICIZED_TYPES,
        stage: 'publicity',
        divisionPrefixes: all ? undefined : staff.scope.divisions,
        current: paging.show === 'running' ? true : paging.show === 'ended' ? false : undefined,
        page: paging.page,
        pageSize: paging.pageSize,
      });
      const seen = new Map(found.refs.filter((ref) => coversDivision(staff, ref.divisionCode)).map((r) => [r.id, r]));
      const steps = await cases.historyOf([...seen.keys()]);
      const stepsOf = new Map<number, typeof steps>();
      for (const step of steps) stepsOf.set(step.case_id, [...(stepsOf.get(step.case_id) ?? []), step]);
      const publicized = [...seen.values()].filter((ref) =>
        stepsOf.get(ref.id)?.some((s) => s.to_stage === 'publicity'),
      );
      const ids = publicized.map((ref) => ref.id);
      const [apps, objections] = ids.length
        ? await Promise.all([
            models.Application.findAll({ where: { case_id: { [Op.in]: ids } } }),
            models.Objection.findAll({ where: { case_id: { [Op.in]: ids } }, order: [['id', 'ASC']] }),
          ])
        : [[], []];
      const appOf = new Map(apps.map((a) => [a.case_id, a]));
      const stageNames = new Map(
        cases.describeTypes().flatMap((t) => t.stages.map((st) => [`${t.key}/${st.key}`, st.name] as const)),
      );
      const day = (at: Date | string) => beijingDateAt(new Date(at).getTime());
      const line = (s: (typeof steps)[number]) => ({
        on: day(s.at),
        action: s.action_name,
        stageName: stageNames.get(`${seenType(s.case_id)}/${s.to_stage}`) ?? s.to_stage,
        organName: s.organ_name,
      });
      const seenType = (caseId: number) => seen.get(caseId)!.type;
      const items = publicized
        .filter((ref) => appOf.has(ref.id))
        .map((ref) => {
          const app = appOf.get(ref.id)!;
          const history = stepsOf.get(ref.id)!;
          const lastEntry = history.map((s) => s.to_stage).lastIndexOf('publicity');
          const entry = history[lastEntry];
          const next = history[lastEntry + 1];
          const objectSteps = history.filter((s) => s.action === 'object');
          const received = objections.filter((o) => o.case_id === ref.id);
          return {
            caseId: ref.id,
            number: ref.number,
            kindName: KIND_NAMES[KIND_OF_TYPE[ref.type]],
            headName: app.head_name_masked,
            householdSize: app.household_size,
            proposedAmountCents: app.proposed_amount_cents,
            divisionCode: ref.divisionCode,
            placeName: placeName(ref.divisionCode.slice(0, 6)),
            running: ref.stage === 'publicity',
            startsOn: day(entry.at),
            endsOn: entry.due_on,
            endedBy: next ? line(next) : null,
            currentStageName: stageNames.get(`${ref.type}/${ref.stage}`) ?? ref.stage,
            objections: received.map((o, i) => {
              // The objection's own step, and what followed it until the next objection.
              const own = objectSteps[i];
              const from = own ? history.indexOf(own) : -1;
              const until = objectSteps[i + 1] ? history.indexOf(objectSteps[i + 1]) : history.length;
              return {
                reason: o.reason,
                at: o.created_at,
                after: from < 0 ? [] : history.slice(from, until).map(line),
              };
            }),
          };
        })
        .sort((a, b) => Number(b.running) - Number(a.running) || b.startsOn.localeCompare(a.startsOn));
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.publicity.list',
        target: { type: 'division', id: all ? '*' : staff.scope.divisions.join(',') },
        detail: { cases: items.length, page: paging.page },
      });
      return { items, total: found.total, page: paging.page, pageSize: paging.pageSize };
    },
  };
}

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
  };
}

import type { Transaction } from 'sequelize';
import type { ActionContext } from '../cases';
import { maskIdNumber } from '../identity';
import type { AssistanceDeps } from './deps';
import type { CheckAnswer, PersonRecords } from './household-check';
import { memberLabel, yuan } from './household';
import type { ApplicationRow, DeclaredAssets } from './models';

export const CHECK_POLL_JOB = 'assistance.check-poll';
/** Declared income may fall short of the records by this much (rounding, a month's variation). */
const INCOME_TOLERANCE_CENTS = 10_000;

interface MemberPlain {
  name: string;
  relation: string;
  idNumber: string;
  monthlyIncomeCents: number;
}

/**
 * What the check found against what the family declared, in words a clerk (and later the
 * applicant) reads; masked names only. Empty when the records agree with the declaration.
 */
export function findingsOf(
  members: Omit<MemberPlain, 'relation'>[],
  assets: DeclaredAssets,
  persons: PersonRecords[],
): string[] {
  const out: string[] = [];
  let houses = 0;
  let vehicles = 0;
  let deposits = 0;
  for (const m of members) {
    const r = persons.find((x) => x.idNumber === m.idNumber);
    if (!r) {
      out.push(`${memberLabel(m.name, m.idNumber)}未返回核对结果`);
      continue;
    }
    if (r.registry === 'deceased') out.push(`${memberLabel(m.name, m.idNumber)}户籍登记已死亡`);
    if (r.registry === 'not_found') out.push(`${memberLabel(m.name, m.idNumber)}户籍查无此人`);
    const income = r.wagesMonthlyCents + r.pensionMonthlyCents;
    if (income > m.monthlyIncomeCents + INCOME_TOLERANCE_CENTS)
      out.push(`${memberLabel(m.name, m.idNumber)}核对月收入${yuan(income)}，申报${yuan(m.monthlyIncomeCents)}`);
    if (r.businesses.length) out.push(`${memberLabel(m.name, m.idNumber)}登记有经营主体${r.businesses.length}户`);
    houses += r.houses.length;
    vehicles += r.vehicles.length;
    deposits += r.depositsCents;
  }
  if (vehicles > assets.vehicles) out.push(`核对到机动车${vehicles}辆，申报${assets.vehicles}辆`);
  if (houses > assets.houses) out.push(`核对到住房${houses}套，申报${assets.houses}套`);
  if (deposits > assets.depositsCents + INCOME_TOLERANCE_CENTS)
    out.push(`核对到存款及证券${yuan(deposits)}，申报${yuan(assets.depositsCents)}`);
  return out;
}

/**
 * The household economic check as the case lives it: requested when the survey is filed (the
 * case waits in 家庭经济状况核对, held by the system), polled by a job until the centre
 * answers, then the answer is stored (encrypted) with its findings and the case moves on to
 * the township's review. The job is idempotent: an answer already stored, or a case no longer
 * waiting for it (withdrawn), ends it quietly.
 */
export function makeChecks(deps: AssistanceDeps) {
  const { p, models, cases, check } = deps;

  async function membersOf(applicationId: number, transaction?: Transaction): Promise<MemberPlain[]> {
    const rows = await models.Member.findAll({
      where: { application_id: applicationId },
      order: [['seq', 'ASC']],
      transaction,
    });
    return rows.map((r) => ({
      name: p.pii.decrypt(r.name_enc),
      idNumber: p.pii.decrypt(r.id_number_enc),
      monthlyIncomeCents: r.monthly_income_cents,
      relation: r.relation,
    }));
  }

  async function applicationOfCase(caseId: number, transaction?: Transaction) {
    const row = await models.Application.findOne({ where: { case_id: caseId }, transaction });
    if (!row) throw new Error(`case ${caseId} has no assistance application`);
    return row;
  }

  /** The case type's hook, in the survey's transaction: submit, remember, poll after commit. */
  async function request(ctx: ActionContext) {
    const app = await applicationOfCase(ctx.caseRef.id, ctx.transaction);
    const members = await membersOf(app.id, ctx.transaction);
    const { requestId } = await check.submit({
      reference: ctx.caseRef.number,
      purpose: app.kind,
      consent: { signedName: p.pii.decrypt(app.consent_name_enc), signedAt: app.consent_at.toISOString() },
      members: members.map((m) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation })),
    });
    await app.update(
      {
        check_status: 'pending',
        check_request_id: requestId,
        check_requested_at: p.clock.date(),
        check_answered_at: null,
        check_result_enc: null,
        check_findings: null,
        updated_at: p.clock.date(),
      },
      { transaction: ctx.transaction },
    );
    ctx.transaction.afterCommit(() => {
      void p.jobs
        .enqueue(CHECK_POLL_JOB, { applicationId: app.id }, { delayMs: 0 })
        .catch((err) => p.logger.warn({ err, applicationId: app.id }, 'could not queue the household check poll'));
    });
  }

  /** Asks the centre once; stores a completed answer and moves the case on. */
  async function poll(applicationId: number): Promise<'answered' | 'pending' | 'idle'> {
    const app = await models.Application.findByPk(applicationId);
    if (!app || app.check_status !== 'pending' || !app.check_request_id) return 'idle';
    const answer: CheckAnswer = await check.fetch(app.check_request_id);
    if (answer.status !== 'completed' || !answer.persons) return 'pending';
    const caseRef = await cases.get(app.case_id);
    await p.db.transaction(async (transaction) => {
      const fresh = await models.Application.findByPk(applicationId, { transaction });
      if (!fresh || fresh.check_status !== 'pending' || fresh.check_request_id !== app.check_request_id) return;
      const members = await membersOf(applicationId, transaction);
      const findings = findingsOf(members, fresh.assets, answer.persons!);
      await fresh.update(
        {
          check_status: 'answered',
          check_answered_at: p.clock.date(),
          check_result_enc: p.pii.encrypt(JSON.stringify(answer)),
          check_findings: findings,
          updated_at: p.clock.date(),
        },
        { transaction },
      );
      if (caseRef?.stage === 'check')
        await cases.act(
          {
            caseId: app.case_id,
            action: 'check_answered',
            acting: { kind: 'system', name: '家庭经济状况核对机构' },
            opinion: findings.length ? `核对发现${findings.length}项与申报不符` : '核对结果与申报一致',
            form: {},
          },
          { transaction },
        );
    });
    return 'answered';
  }

  return {
    request,
    poll,
    /** The daily backstop: every check still pending is asked again (a lost job, a restart). */
    async pollPending() {
      const rows = await models.Application.findAll({ where: { check_status: 'pending' }, attributes: ['id'] });
      for (const row of rows) {
        try {
          await poll(row.id);
        } catch (err) {
          p.logger.warn({ err, applicationId: row.id }, 'household check poll failed');
        }
      }
    },
    async findings(caseId: number, transaction?: Transaction): Promise<string[]> {
      const app = await applicationOfCase(caseId, transaction);
      return app.check_findings ?? [];
    },
    /** The stored answer for staff: per member (masked ID), what each agency holds. */
    summaryFor(app: ApplicationRow) {
      if (!app.check_result_enc) return null;
      const answer = JSON.parse(p.pii.decrypt(app.check_result_enc)) as CheckAnswer;
      return {
        agencies: answer.agencies ?? [],
        completedAt: answer.completedAt ?? null,
        persons: (answer.persons ?? []).map((r) => ({
          idNumber: maskIdNumber(r.idNumber),
          registry: r.registry,
          wagesMonthlyCents: r.wagesMonthlyCents,
          pensionMonthlyCents: r.pensionMonthlyCents,
          depositsCents: r.depositsCents,
          houses: r.houses.length,
          vehicles: r.vehicles.length,
          businesses: r.businesses.length,
        })),
      };
    },
  };
}

export type Checks = ReturnType<typeof makeChecks>;

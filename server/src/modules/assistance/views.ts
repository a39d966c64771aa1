import type { StaffPrincipal } from '../../platform/context';
import { maskIdNumber, maskName } from '../identity';
import { CASE_TYPE_KEYS, KIND_NAMES } from './case-types';
import type { Checks } from './checks';
import type { AssistanceDeps } from './deps';
import { applicationNotFoundError } from './errors';
import { PAID_MONTHLY, type Payments } from './payments';
import type { SurveyPhotos } from './survey-photos';

const TYPES = Object.values(CASE_TYPE_KEYS);

/**
 * What the applicant and staff read of an application. The applicant sees the engine's
 * timeline (each step, the current stage's legal deadline and who holds it) with the household
 * masked, the materials and, while materials are missing, the list asked for at once. Staff in
 * the case's divisions see the household (names in full, ID numbers masked), the check's answer
 * and findings, the survey with its photos and the objections; every such read is audited.
 */
export function makeViews(deps: AssistanceDeps, checks: Checks, payments: Payments, surveyPhotos: SurveyPhotos) {
  const { p, models, cases, materials } = deps;

  async function applicationOf(caseId: number) {
    const app = await models.Application.findOne({ where: { case_id: caseId } });
    if (!app) throw applicationNotFoundError();
    return app;
  }
  async function household(applicationId: number, audience: 'citizen' | 'staff') {
    const rows = await models.Member.findAll({ where: { application_id: applicationId }, order: [['seq', 'ASC']] });
    return rows.map((r) => {
      const name = p.pii.decrypt(r.name_enc);
      return {
        seq: r.seq,
        name: audience === 'staff' ? name : maskName(name),
        idNumber: maskIdNumber(p.pii.decrypt(r.id_number_enc)),
        relation: r.relation,
        monthlyIncomeCents: r.monthly_income_cents,
        health: r.health,
        disability: r.disability,
      };
    });
  }
  /** The list a clerk asked for at once, while the case waits for it. */
  async function missingMaterials(caseId: number, stage: string): Promise<string[] | null> {
    if (stage !== 'supplement') return null;
    const steps = await cases.history(caseId);
    const asked = [...steps].reverse().find((s) => s.action === 'request_materials');
    return asked?.form ? ((JSON.parse(asked.form) as { missing?: string[] }).missing ?? null) : null;
  }

  return {
    async mine(userId: number) {
      const { items } = await cases.views.mine(userId);
      return { items: items.filter((i) => TYPES.includes(i.type)) };
    },
    async forApplicant(userId: number, number: string) {
      const timeline = await cases.views.forApplicant(userId, number);
      if (!TYPES.includes(timeline.case.type)) throw applicationNotFoundError();
      const app = await applicationOf(timeline.case.id);
      return {
        ...timeline,
        application: {
          kind: app.kind,
          kindName: KIND_NAMES[app.kind],
          divisionCode: app.division_code,
          reason: app.reason,
          householdSize: app.household_size,
          declaredIncomeCents: app.declared_income_cents,
          assets: app.assets,
          consentSignedAt: app.consent_at,
          emergencyCause: app.emergency_cause,
          household: await household(app.id, 'citizen'),
          materials: await materials.listFor(app.id),
          missingMaterials: await missingMaterials(timeline.case.id, timeline.current.stage),
        },
        /** 发放记录 of a monthly case (低保, 特困), newest first; null for a one-off kind. */
        payments: PAID_MONTHLY.includes(timeline.case.type) ? await payments.forCase(timeline.case.id) : null,
      };
    },
    async forStaff(staff: StaffPrincipal, caseId: number) {
      // The engine's view answers 404 outside the account's divisions.
      const view = await cases.views.forStaff(staff, caseId);
      if (!TYPES.includes(view.case.type)) throw applicationNotFoundError();
      const app = await applicationOf(caseId);
      const objections = await models.Objection.findAll({ where: { case_id: caseId }, order: [['id', 'ASC']] });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.household.read',
        target: { type: 'case', id: view.case.number },
      });
      return {
        ...view,
        application: {
          kind: app.kind,
          kindName: KIND_NAMES[app.kind],
          address: p.pii.decrypt(app.address_enc),
          reason: app.reason,
          householdSize: app.household_size,
          declaredIncomeCents: app.declared_income_cents,
          assets: app.assets,
          consent: { signedName: p.pii.decrypt(app.consent_name_enc), signedAt: app.consent_at },
          emergencyCause: app.emergency_cause,
          proposedAmountCents: app.proposed_amount_cents,
          household: await household(app.id, 'staff'),
          materials: await materials.listFor(app.id),
          missingMaterials: await missingMaterials(caseId, view.current.stage),
          /** 入户调查照片 of the surveys submitted, oldest first (bytes behind an audited route). */
          surveyPhotos: await surveyPhotos.listFor(caseId),
          check: {
            status: app.check_status,
            requestedAt: app.check_requested_at,
            answeredAt: app.check_answered_at,
            findings: app.check_findings ?? [],
            result: checks.summaryFor(app),
          },
          objections: objections.map((o) => ({ reason: o.reason, at: o.created_at })),
        },
      };
    },
    async material(staff: StaffPrincipal, caseId: number, token: string) {
      const view = await cases.views.forStaff(staff, caseId);
      if (!TYPES.includes(view.case.type)) throw applicationNotFoundError();
      const app = await applicationOf(caseId);
      const row = await materials.read(app.id, token);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'assistance.material.read',
        target: { type: 'case', id: view.case.number },
        detail: { material: row.label },
      });
      return row;
    },
  };
}

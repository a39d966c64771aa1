import { pageLink } from '@minzheng/contracts';
import { Op } from 'sequelize';
import { divisions } from '../divisions';
import { maskName } from '../identity';
import { CASE_TYPE_KEYS, KIND_NAMES, PROGRESS_TEMPLATE } from './case-types';
import type { AssistanceDeps } from './deps';
import {
  applicantNotMemberError,
  consentNameMismatchError,
  memberInActiveCaseError,
  memberNotVerifiedError,
  notEligibleError,
  realNameRequiredError,
  unknownDivisionError,
} from './errors';
import { ageOn, memberLabel, unableToWork } from './household';
import { KIN_MARK, type KinRegister } from './kin';
import type { ApplicationBody } from './schemas';

/**
 * A citizen applies for the family. The applicant must be real-named and the first member;
 * the consent to the household economic check is signed with the real name; every member is
 * verified in the 户籍 registry (through the check adapter) and must not be in another case
 * still open or paying; then the case opens at its first stage and the application, the
 * household (names and ID numbers encrypted) and the materials are written in the same
 * transaction.
 */
export function makeApply(deps: AssistanceDeps, kin: KinRegister) {
  const { p, models, cases, identity, notices, check, materials } = deps;

  async function memberInActiveCase(hashes: string[]): Promise<string | null> {
    const rows = await models.Member.findAll({ where: { id_number_hash: { [Op.in]: hashes } } });
    if (!rows.length) return null;
    const apps = await models.Application.findAll({
      where: { id: { [Op.in]: [...new Set(rows.map((r) => r.application_id))] } },
    });
    const live = await cases.find({
      types: Object.values(CASE_TYPE_KEYS),
      ids: apps.map((a) => a.case_id),
      statuses: ['open', 'active', 'suspended'],
    });
    if (!live.length) return null;
    const liveApps = new Set(apps.filter((a) => live.some((c) => c.id === a.case_id)).map((a) => a.id));
    const hit = rows.find((r) => liveApps.has(r.application_id));
    return hit ? hit.id_number_hash : null;
  }

  return async function apply(userId: number, body: ApplicationBody) {
    const me = await identity.realNameOf(userId);
    if (!me) throw realNameRequiredError();
    if (body.members[0].idNumber !== me.idNumber || body.members[0].name !== me.name) throw applicantNotMemberError();
    if (body.consent.signedName !== me.name) throw consentNameMismatchError();
    if (!divisions.get(body.divisionCode.slice(0, 6))) throw unknownDivisionError();

    const today = p.clock.today();
    if (body.kind === 'tekun' && !body.members.some((m) => unableToWork(ageOn(m.idNumber, today), m.disability)))
      throw notEligibleError(['特困供养须无劳动能力：年满60周岁、未满16周岁，或有重度残疾']);

    const statuses = await check.verifyPersons(body.members.map((m) => m.idNumber));
    for (const m of body.members) {
      const status = statuses.find((s) => s.idNumber === m.idNumber)?.registry ?? 'not_found';
      if (status === 'deceased') throw memberNotVerifiedError(memberLabel(m.name, m.idNumber), '已死亡');
      if (status === 'not_found') throw memberNotVerifiedError(memberLabel(m.name, m.idNumber), '查无此人');
    }
    const hashes = body.members.map((m) => p.pii.hash(m.idNumber));
    const busy = await memberInActiveCase(hashes);
    if (busy) {
      const m = body.members[hashes.indexOf(busy)];
      throw memberInActiveCaseError(memberLabel(m.name, m.idNumber));
    }

    // A household naming a registered relative of staff is marked for its whole life.
    const marks = (await kin.anyRegistered(hashes)) ? [KIN_MARK] : [];
    const head = body.members[0];
    const now = p.clock.date();
    return p.db.transaction(async (transaction) => {
      const opened = await cases.open(
        {
          type: CASE_TYPE_KEYS[body.kind],
          applicantUserId: userId,
          divisionCode: body.divisionCode,
          title: `${maskName(head.name)}家庭（${body.members.length}人）`,
          acting: { kind: 'citizen', userId, displayName: maskName(head.name) },
          marks,
          record: { members: body.members.length, materials: body.materialIds.length },
        },
        { transaction },
      );
      const application = await models.Application.create(
        {
          case_id: opened.id,
          kind: body.kind,
          applicant_user_id: userId,
          division_code: body.divisionCode,
          address_enc: p.pii.encrypt(body.address),
          reason: body.reason,
          head_name_masked: maskName(head.name),
          household_size: body.members.length,
          declared_income_cents: body.members.reduce((sum, m) => sum + m.monthlyIncomeCents, 0),
          assets: body.assets,
          consent_name_enc: p.pii.encrypt(body.consent.signedName),
          consent_at: now,
          emergency_cause: body.emergencyCause ?? null,
          proposed_amount_cents: null,
          check_status: 'none',
          check_request_id: null,
          check_requested_at: null,
          check_answered_at: null,
          check_result_enc: null,
          check_findings: null,
          created_at: now,
          updated_at: now,
        },
        { transaction },
      );
      await models.Member.bulkCreate(
        body.members.map((m, i) => ({
          application_id: application.id,
          seq: i + 1,
          relation: m.relation,
          name_enc: p.pii.encrypt(m.name),
          id_number_enc: p.pii.encrypt(m.idNumber),
          id_number_hash: hashes[i],
          monthly_income_cents: m.monthlyIncomeCents,
          health: m.health,
          disability: m.disability,
          created_at: now,
        })),
        { transaction },
      );
      await materials.attach(userId, application.id, body.materialIds, transaction);
      await notices.notify(
        { userId },
        PROGRESS_TEMPLATE,
        {
          service: KIND_NAMES[body.kind],
          number: opened.number,
          step: opened.stage === 'accept' ? '受理' : '先行救助',
          action: '申请已提交',
          dueOn: opened.dueOn ?? '',
          note: '',
        },
        pageLink('assistanceCase', { number: opened.number }),
        { transaction },
      );
      await p.audit.record(
        {
          actor: { type: 'citizen', id: userId },
          action: 'assistance.apply',
          target: { type: 'case', id: opened.number },
          detail: { kind: body.kind, members: body.members.length },
        },
        transaction,
      );
      return { number: opened.number, caseId: opened.id };
    });
  };
}

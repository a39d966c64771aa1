import type { z } from 'zod';
import type { Transaction } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import { parseUscc } from './profile';
import type { newOrgBody, orgPatchBody } from './schemas';
import type { SearchIndex } from './search-index';
import { usccWarnings } from './uscc';
import { toOrgDetail } from './views';

export type NewOrg = z.infer<typeof newOrgBody>;
export type OrgPatch = z.infer<typeof orgPatchBody>;

const TYPE_DIGIT = { social_group: '1', social_service: '2', foundation: '3' } as const;

/** A credit code fit for a social organization of this type, or the reason it is not. */
export function orgCodeProblem(uscc: string, type: keyof typeof TYPE_DIGIT): string | null {
  if (uscc[0] !== '5') return '社会组织的统一社会信用代码第1位应为5（民政部门登记）';
  if (uscc[1] !== TYPE_DIGIT[type] && uscc[1] !== '9') return '统一社会信用代码第2位与组织类型不符';
  return null;
}

export function orgColumns(input: Partial<NewOrg>) {
  const cols: Record<string, unknown> = {};
  const map: [keyof NewOrg, string][] = [
    ['name', 'name'],
    ['type', 'type'],
    ['authority', 'authority'],
    ['authorityLevel', 'authority_level'],
    ['divisionCode', 'division_code'],
    ['supervisor', 'supervisor'],
    ['legalRepresentative', 'legal_rep'],
    ['registeredAt', 'registered_at'],
    ['registeredCapital', 'registered_capital'],
    ['address', 'address'],
    ['businessScope', 'business_scope'],
    ['status', 'status'],
  ];
  for (const [from, to] of map) if (input[from] !== undefined) cols[to] = input[from];
  if (input.certificate !== undefined) {
    cols.cert_valid_from = input.certificate?.validFrom ?? null;
    cols.cert_valid_to = input.certificate?.validTo ?? null;
  }
  return cols;
}

/**
 * Registration officers keep the register: create an organization in their region, correct
 * its facts. Every write is audited; an organization outside their region does not exist
 * for them (404).
 */
export function makeManageOrgs(p: Platform, m: SocialOrgModels, index: SearchIndex, cache: OrgCache) {
  async function findInScope(actor: StaffPrincipal, usccInput: string, transaction?: Transaction) {
    const org = await m.Org.findOne({ where: { uscc: parseUscc(usccInput) }, transaction });
    if (!org) throw notFound('未找到该社会组织');
    assertDivision(actor, org.division_code, '社会组织');
    return org;
  }

  return {
    findInScope,
    async create(actor: StaffPrincipal, input: NewOrg) {
      const uscc = parseUscc(input.uscc);
      const problem = orgCodeProblem(uscc, input.type);
      if (problem) throw badRequest('INVALID_USCC', problem);
      assertDivision(actor, input.divisionCode, '行政区划');
      if (await m.Org.findOne({ where: { uscc } })) throw conflict('ORG_EXISTS', '该统一社会信用代码已登记');
      const org = await p.db.transaction(async (transaction) => {
        const created = await m.Org.create(
          { uscc, ...orgColumns(input), ...index.columns(input.name), credit_status: 'normal' } as never,
          { transaction },
        );
        await index.write({ id: created.id, uscc, name: input.name }, transaction);
        await p.audit.record(
          {
            actor: { type: 'staff', id: actor.id },
            action: 'social_org.create',
            target: { type: 'social_org', id: uscc },
            detail: { name: input.name, division: input.divisionCode },
          },
          transaction,
        );
        await cache.retire(uscc, transaction);
        return created;
      });
      await cache.invalidate();
      return { org: toOrgDetail(org), warnings: usccWarnings(uscc) };
    },
    async update(actor: StaffPrincipal, usccInput: string, patch: OrgPatch) {
      const org = await findInScope(actor, usccInput);
      if (patch.divisionCode) assertDivision(actor, patch.divisionCode, '行政区划');
      const type = patch.type ?? org.type;
      const problem = orgCodeProblem(org.uscc, type);
      if (problem) throw badRequest('INVALID_USCC', problem);
      // A copy: without clone, get() hands back the live values that update() overwrites.
      const before = org.get({ plain: true, clone: true }) as unknown as Record<string, unknown>;
      const cols: Record<string, unknown> = { ...orgColumns(patch), ...(patch.name ? index.columns(patch.name) : {}) };
      await p.db.transaction(async (transaction) => {
        await org.update(cols, { transaction });
        if (patch.name)
          await index.write({ id: org.id, uscc: org.uscc, name: patch.name }, transaction, before.name as string);
        const changes = Object.keys(orgColumns(patch)).map((k) => ({
          field: k,
          from: before[k] ?? null,
          to: cols[k] ?? null,
        }));
        await p.audit.record(
          {
            actor: { type: 'staff', id: actor.id },
            action: 'social_org.update',
            target: { type: 'social_org', id: org.uscc },
            detail: { changes },
          },
          transaction,
        );
        await cache.retire(org.uscc, transaction);
      });
      await cache.invalidate();
      return { org: toOrgDetail(org) };
    },
  };
}

export type ManageOrgs = ReturnType<typeof makeManageOrgs>;

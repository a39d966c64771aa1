import { UniqueConstraintError } from 'sequelize';
import type { z } from 'zod';
import type { StaffPrincipal } from '../../platform/context';
import { maskIdNumber, maskName } from '../identity';
import type { Access } from './access';
import type { VolunteerDeps } from './deps';
import { alreadyVolunteerError, idNumberTakenError, notVolunteerError, realNameRequiredError } from './errors';
import type { VolunteerRow } from './models';
import type { importVolunteerBody, profileBody } from './schemas';

type Profile = z.infer<typeof profileBody>;

/** 志愿者编号: ZY, the year of registration, the row's id (7 digits). */
const volunteerNumber = (year: string, id: number) => `ZY${year}${String(id).padStart(7, '0')}`;

/**
 * Real-name volunteer registration: one volunteer per ID number (by keyed hash). A record an
 * organization registered earlier (an import) is claimed by its real owner binding the same
 * identity — the owner never meets 「该证件号码已经注册过」.
 */
export function makeVolunteers(deps: VolunteerDeps, access: Access) {
  const { p, models, identity } = deps;

  const view = (v: VolunteerRow) => ({
    number: v.number,
    name: maskName(p.pii.decrypt(v.name_enc)),
    idNumber: maskIdNumber(p.pii.decrypt(v.id_number_enc)),
    skills: v.skills,
    serviceTypes: v.service_types,
    areas: v.areas,
    availability: v.availability,
    registeredAt: v.created_at,
  });

  async function byUser(userId: number) {
    return models.Volunteer.findOne({ where: { user_id: userId } });
  }

  return {
    view,
    byUser,
    async require(userId: number) {
      const v = await byUser(userId);
      if (!v) throw notVolunteerError();
      return v;
    },
    async register(userId: number, profile: Profile) {
      const real = await identity.realNameOf(userId);
      if (!real) throw realNameRequiredError();
      if (await byUser(userId)) throw alreadyVolunteerError();
      const hash = p.pii.hash(real.idNumber);
      const now = p.clock.date();
      const fields = {
        skills: profile.skills,
        service_types: profile.serviceTypes,
        areas: profile.areas,
        availability: profile.availability,
        updated_at: now,
      };
      try {
        const row = await p.db.transaction(async (transaction) => {
          const earlier = await models.Volunteer.findOne({ where: { id_number_hash: hash }, transaction });
          let row: VolunteerRow;
          let claimed = false;
          if (earlier) {
            if (earlier.user_id !== null) throw idNumberTakenError();
            // An organization registered this person before: the real owner takes the record over.
            const [n] = await models.Volunteer.update(
              { ...fields, user_id: userId, name_enc: p.pii.encrypt(real.name) },
              { where: { id: earlier.id, user_id: null }, transaction },
            );
            if (n !== 1) throw idNumberTakenError();
            row = (await models.Volunteer.findByPk(earlier.id, { transaction }))!;
            claimed = true;
          } else {
            const created = await models.Volunteer.create(
              {
                ...fields,
                user_id: userId,
                number: null,
                name_enc: p.pii.encrypt(real.name),
                id_number_enc: p.pii.encrypt(real.idNumber),
                id_number_hash: hash,
                imported_by_org_id: null,
                created_at: now,
              },
              { transaction },
            );
            await created.update({ number: volunteerNumber(p.clock.today().slice(0, 4), created.id) }, { transaction });
            row = created;
          }
          await p.audit.record(
            {
              actor: { type: 'citizen', id: userId },
              action: claimed ? 'volunteer.claim' : 'volunteer.register',
              target: { type: 'volunteer', id: row.id },
            },
            transaction,
          );
          return row;
        });
        return { volunteer: view(row) };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw idNumberTakenError();
        throw err;
      }
    },
    async updateProfile(userId: number, profile: Profile) {
      const v = await this.require(userId);
      await v.update({
        skills: profile.skills,
        service_types: profile.serviceTypes,
        areas: profile.areas,
        availability: profile.availability,
        updated_at: p.clock.date(),
      });
      return { volunteer: view(v) };
    },
    /** An organization registers a person (an import); the person claims the record later. */
    async importOne(staff: StaffPrincipal, orgId: number, input: z.infer<typeof importVolunteerBody>) {
      await access.org(staff, orgId);
      const hash = p.pii.hash(input.idNumber);
      try {
        return await p.db.transaction(async (transaction) => {
          const earlier = await models.Volunteer.findOne({ where: { id_number_hash: hash }, transaction });
          if (earlier) return { volunteer: view(earlier), existed: true };
          const now = p.clock.date();
          const row = await models.Volunteer.create(
            {
              user_id: null,
              number: null,
              name_enc: p.pii.encrypt(input.name),
              id_number_enc: p.pii.encrypt(input.idNumber),
              id_number_hash: hash,
              skills: [],
              service_types: [],
              areas: [],
              availability: '',
              imported_by_org_id: orgId,
              created_at: now,
              updated_at: now,
            },
            { transaction },
          );
          await row.update({ number: volunteerNumber(p.clock.today().slice(0, 4), row.id) }, { transaction });
          await p.audit.record(
            {
              actor: { type: 'staff', id: staff.id },
              action: 'volunteer.import',
              target: { type: 'volunteer', id: row.id },
              detail: { orgId },
            },
            transaction,
          );
          return { volunteer: view(row), existed: false };
        });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw idNumberTakenError();
        throw err;
      }
    },
  };
}

export type Volunteers = ReturnType<typeof makeVolunteers>;

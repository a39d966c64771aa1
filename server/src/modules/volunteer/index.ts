import type { StaffPrincipal } from '../../platform/context';
import { Op } from 'sequelize';
import type { Platform } from '../../platform/platform';
import { containsPattern } from '../../platform/search/ngrams';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { SocialOrgsApi } from '../social-orgs';
import type { StaffApi } from '../staff';
import { makeAccess } from './access';
import { makeActivities } from './activities';
import { makeAttendance } from './attendance';
import { makeCertificates } from './certificates';
import type { VolunteerDeps } from './deps';
import { volunteerNumberNotFoundError } from './errors';
import { makeLedger } from './ledger';
import { makeMembers } from './members';
import { defineVolunteerModels } from './models';
import { makeVolunteerNotices } from './notices';
import { makeOnsiteCode } from './onsite-code';
import { makeOrgs } from './orgs';
import { makeReminders, REMINDER_JOB } from './reminders';
import { makeRecord } from './record';
import { volunteerRoutes } from './routes';
import { makeSignups } from './signups';
import { makeStats } from './stats';
import { makeVolunteers } from './volunteers';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export { canonicalJson } from './certificates';
export { REMINDER_JOB } from './reminders';

interface Deps {
  identity: IdentityApi;
  staff: StaffApi;
  socialOrgs: SocialOrgsApi;
  notices: NoticesApi;
}

function makeVolunteerApi(p: Platform, deps: Deps) {
  const own: VolunteerDeps = { p, models: defineVolunteerModels(p.db), ...deps };
  const access = makeAccess(own);
  const volunteers = makeVolunteers(own, access);
  const orgs = makeOrgs(own, access);
  const activities = makeActivities(own, access);
  const tell = makeVolunteerNotices(own);
  const signups = makeSignups(own, access, volunteers, tell, activities);
  const code = makeOnsiteCode(own, access);
  const ledger = makeLedger(own);
  const attendance = makeAttendance(own, access, volunteers, code, ledger, tell);
  const certificates = makeCertificates(own, access, volunteers, ledger, tell);
  const members = makeMembers(own, access, volunteers, tell);
  return {
    reminders: makeReminders(own, tell),
    /** For the 首页 search: activities open to volunteers (recruiting or under way, not over) whose title holds `q`, soonest first. */
    async activitiesNamed(q: string, limit: number) {
      const like = containsPattern(q);
      if (!like) return [];
      return own.models.Activity.findAll({
        where: {
          title: { [Op.like]: like },
          status: { [Op.in]: ['published', 'in_progress'] },
          ends_at: { [Op.gt]: p.clock.date() },
        },
        attributes: ['id', 'title', 'address', 'starts_at', 'status'],
        order: [
          ['starts_at', 'ASC'],
          ['id', 'ASC'],
        ],
        limit,
        raw: true,
      });
    },
    models: own.models,
    volunteers,
    orgs,
    members,
    activities,
    signups,
    code,
    ledger,
    attendance,
    certificates,
    stats: makeStats(own, access),
    record: makeRecord(own, volunteers, activities, signups, attendance, ledger),
    /** Checks a volunteer's hash chain (officers; audited: it reads a person's record). */
    async verifyLedger(staff: StaffPrincipal, volunteerNumber: string) {
      const v = await own.models.Volunteer.findOne({ where: { number: volunteerNumber } });
      if (!v) throw volunteerNumberNotFoundError();
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.ledger.verify',
        target: { type: 'volunteer', id: v.id },
      });
      return { volunteerNumber, ...(await ledger.verify(v.id)), ...(await ledger.totals(v.id)) };
    },
  };
}

export type VolunteerApi = ReturnType<typeof makeVolunteerApi>;

/**
 * 志愿服务: real-name volunteers, volunteer organizations, activities with sign-up review, the
 * rotating on-site code, scans that credit hours only with presence, the hash-chained hours
 * ledger, star levels and signed certificates anyone can verify.
 */
export function createVolunteer(p: Platform, deps: Deps) {
  const api = makeVolunteerApi(p, deps);
  p.jobs.define(REMINDER_JOB, async () => {
    await api.reminders.remindDayBefore();
  });
  /** The day-before reminders run every hour (a sign-up is reminded once, whoever runs it). */
  const schedule = async () => {
    await p.jobs.every(REMINDER_JOB, 3600_000);
  };
  return { api, router: volunteerRoutes(p, api), schedule };
}
/** The 0.01° latitude band an activity is stored under (benches seed activities in bulk). */
export { latBand } from './activities';

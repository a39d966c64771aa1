import { timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { UniqueConstraintError } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { randomToken } from '../../platform/crypto';
import type { Access } from './access';
import type { VolunteerDeps } from './deps';
import { activityNotActiveError, codeExpiredError, codeForgedError, codeMalformedError } from './errors';
import type { ActivityRow } from './models';

/** A code lives 60 s; the screen asks for a new one every 20 s, so it changes well within 30 s. */
export const CODE_TTL_MS = 60_000;
export const CODE_REFRESH_SECONDS = 20;
const CODE_PATTERN = /^ZYQD1\.(\d{1,10})\.(\d{1,10})\.([A-Za-z0-9_-]{24})$/;

/**
 * The on-site code: shown full-screen by the organizer, changing every 20 s. The server keeps
 * only a keyed hash of each code with its version and expiry, in the database, so any process
 * verifies a scan and a screenshot sent to someone at home stops working within a minute.
 */
export function makeOnsiteCode(deps: VolunteerDeps, access: Access) {
  const { p, models } = deps;
  const hashOf = (activityId: number, version: number, secret: string) =>
    p.pii.hash(`volunteer-onsite-code|${activityId}|${version}|${secret}`);

  return {
    async issue(staff: StaffPrincipal, activityId: number) {
      const { activity } = await access.activity(staff, activityId);
      if (!['published', 'in_progress'].includes(activity.status)) throw activityNotActiveError();
      for (let attempt = 0; ; attempt++) {
        const last = await models.Code.findOne({ where: { activity_id: activityId }, order: [['version', 'DESC']] });
        const version = (last?.version ?? 0) + 1;
        const secret = randomToken(18);
        const expiresAt = new Date(p.clock.now() + CODE_TTL_MS);
        try {
          await models.Code.create({
            activity_id: activityId,
            version,
            code_hash: hashOf(activityId, version, secret),
            expires_at: expiresAt,
            issued_by: staff.id,
            created_at: p.clock.date(),
          });
        } catch (err) {
          // Another screen took this version at the same instant: take the next one.
          if (err instanceof UniqueConstraintError && attempt < 5) continue;
          throw err;
        }
        const code = `ZYQD1.${activityId}.${version}.${secret}`;
        return {
          code,
          version,
          expiresAt: expiresAt.toISOString(),
          refreshInSeconds: CODE_REFRESH_SECONDS,
          qr: await QRCode.toDataURL(code, { margin: 1, width: 360 }),
        };
      }
    },
    /** The activity and version a scanned code stands for; a clear refusal for anything else. */
    async verify(code: string): Promise<{ activity: ActivityRow; version: number }> {
      const m = CODE_PATTERN.exec(code.trim());
      if (!m) throw codeMalformedError();
      const [activityId, version, secret] = [Number(m[1]), Number(m[2]), m[3]];
      const row = await models.Code.findOne({ where: { activity_id: activityId, version } });
      if (!row) throw codeForgedError();
      const expected = Buffer.from(row.code_hash, 'hex');
      const actual = Buffer.from(hashOf(activityId, version, secret), 'hex');
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw codeForgedError();
      if (new Date(row.expires_at).getTime() <= p.clock.now()) throw codeExpiredError();
      const activity = await models.Activity.findByPk(activityId);
      if (!activity) throw codeForgedError();
      return { activity, version };
    },
  };
}

export type OnsiteCode = ReturnType<typeof makeOnsiteCode>;

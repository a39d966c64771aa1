import { randomToken } from '../../platform/crypto';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { enforceRateLimit } from '../../platform/rate-limit';
import type { PlaceNameModels } from './models';

const invalidKey = () => new AppError(401, 'API_KEY_INVALID', '开放接口密钥无效或已停用，请联系民政部门申请');

/**
 * Keys for the open API (third parties that must use standard names and division codes). The
 * key is shown once, when issued; only its keyed hash (platform/crypto) is stored. Each key has
 * its own rate limit, counted in the shared cache so every process holds to it.
 */
export function makeApiKeys(p: Platform, m: PlaceNameModels) {
  const cached = new Map<string, { id: number; perMinute: number; until: number }>();
  return {
    async issue(staff: StaffPrincipal, holder: string, perMinute: number) {
      const key = `mzk_${randomToken(24)}`;
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.ApiKey.create(
          {
            holder,
            key_hash: p.pii.hash(key),
            key_prefix: key.slice(0, 10),
            per_minute: perMinute,
            created_by: staff.id,
            created_at: p.clock.date(),
            revoked_at: null,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'open_api.key_issue',
            target: { type: 'open_api_key', id: created.id },
            detail: { holder, perMinute },
          },
          transaction,
        );
        return created;
      });
      return { id: row.id, holder, perMinute, key, keyPrefix: row.key_prefix };
    },
    async list() {
      const rows = await m.ApiKey.findAll({ order: [['id', 'DESC']], raw: true });
      return {
        items: rows.map((r) => ({
          id: r.id,
          holder: r.holder,
          keyPrefix: r.key_prefix,
          perMinute: r.per_minute,
          createdAt: new Date(r.created_at).toISOString(),
          revoked: r.revoked_at !== null,
        })),
      };
    },
    async revoke(staff: StaffPrincipal, id: number) {
      const row = await m.ApiKey.findByPk(id, { raw: true });
      if (!row) throw notFound('未找到该密钥');
      await p.db.transaction(async (transaction) => {
        await m.ApiKey.update({ revoked_at: p.clock.date() }, { where: { id }, transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'open_api.key_revoke',
            target: { type: 'open_api_key', id },
          },
          transaction,
        );
      });
      cached.clear();
      return { revoked: true };
    },
    /** The key of a request (X-Api-Key), checked and counted: 401 when unknown or revoked, 429 over its limit. */
    async admit(key: string | undefined) {
      if (!key || key.length > 100) throw invalidKey();
      const hash = p.pii.hash(key);
      let entry = cached.get(hash);
      if (!entry || entry.until < Date.now()) {
        const row = await m.ApiKey.findOne({ where: { key_hash: hash }, raw: true });
        if (!row || row.revoked_at) throw invalidKey();
        // Held 5 s: a revoked key stops within that everywhere (at once in this process).
        entry = { id: row.id, perMinute: row.per_minute, until: Date.now() + 5000 };
        if (cached.size > 1000) cached.clear();
        cached.set(hash, entry);
      }
      await enforceRateLimit(
        p.cache,
        `openapi:${entry.id}`,
        entry.perMinute,
        60_000,
        '调用过于频繁：已超过该密钥每分钟的调用上限',
      );
      return entry.id;
    },
  };
}

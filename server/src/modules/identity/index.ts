import type { Transaction } from 'sequelize';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import { makeBindIdentity, type ReclaimListener } from './bind-identity';
import { makeBindPhone } from './bind-phone';
import { makeIdentityDependents } from './dependents';
import { makeLogin } from './login';
import { defineIdentityModels } from './models';
import { identityRoutes } from './routes';
import { makeUserRows, type StoredUser } from './user-rows';
import { toUserView, type UserView } from './user-view';
import { identityVerifierFor } from './verification';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

/** Masks other modules show staff and citizens (the birth date and most digits never leave the server). */
export { maskIdNumber, maskName, maskPhone } from './id-number';

export type { IdentityDependentsSource } from './dependents';
export type { ReclaimListener } from './bind-identity';
export { SIMULATED_PEOPLE } from './verification';
export type IdentityModels = ReturnType<typeof defineIdentityModels>;
/** GB 11643 checks, for modules that take ID numbers of people other than the citizen. */
export { checkIdNumber, ID_NUMBER_MESSAGES, normalizeIdNumber } from './id-number';

function makeIdentityApi(p: Platform, wechat: Wechat) {
  const models = defineIdentityModels(p.db);
  const users = makeUserRows(p, models);
  const dependents = makeIdentityDependents();
  const verifier = identityVerifierFor(p.config);
  const reclaimListeners: ReclaimListener[] = [];
  // The masked view of the rows last shown, by the stored fields it is made of (so never stale):
  // a citizen's every page asks for it, and three decryptions cost more than the rest of it.
  const views = new Map<string, UserView>();
  const viewOf = (u: StoredUser): UserView => {
    const key = `${u.id}|${u.openid}|${u.name_enc}|${u.id_number_enc}|${u.phone_enc}|${Boolean(u.real_named_at)}|${Boolean(u.phone_bound_at)}`;
    let view = views.get(key);
    if (!view) {
      if (views.size >= 10_000) views.clear();
      view = toUserView(u, p.pii);
      views.set(key, view);
    }
    return view;
  };
  const viewsByText = new Map<string, UserView>();
  return {
    login: makeLogin(p, wechat, models),
    bindIdentity: makeBindIdentity(p, models, dependents, verifier, reclaimListeners),
    /**
     * A verified owner took their ID number back from another WeChat account: `listener` runs in
     * the same transaction (notices tells the former account).
     */
    onReclaimed(listener: ReclaimListener) {
      reclaimListeners.push(listener);
    },
    /** Modules whose open records rest on a citizen's real name register here (see dependents.ts). */
    dependents: { register: dependents.register },
    bindPhone: makeBindPhone(p, wechat, models),
    /** The cache keys of a citizen's row, read with the session when `me` is asked (routes.ts). */
    meKeys: (userId: number) => users.keysOf(userId),
    /** The citizen's masked profile; `read`: the values at `meKeys(userId)` read with the session. */
    async me(userId: number, read?: (string | null)[] | null) {
      // The current copy's text read with the session names the row exactly: its view, kept by
      // that text, needs neither parsing the copy nor building a key from its fields.
      const text = users.textRead(read);
      const known = text === null ? undefined : viewsByText.get(text);
      if (known) return known;
      const user = await users.byIdRead(userId, read);
      if (!user) throw notFound('用户不存在');
      const view = viewOf(user);
      if (text !== null) {
        if (viewsByText.size >= 10_000) viewsByText.clear();
        viewsByText.set(text, view);
      }
      return view;
    },
    /** For other modules: who is this citizen, and are they real-named? */
    async realNameOf(userId: number): Promise<{ name: string; idNumber: string } | null> {
      const user = await users.byId(userId);
      if (!user?.id_number_enc || !user.name_enc) return null;
      return { name: p.pii.decrypt(user.name_enc), idNumber: p.pii.decrypt(user.id_number_enc) };
    },
    /** For notices and the public account: a citizen's mini-program openid and unionid. */
    async wechatIdsOf(
      userId: number,
      transaction?: Transaction,
    ): Promise<{ openid: string; unionid: string | null } | null> {
      const user = await models.User.findByPk(userId, { transaction });
      return user ? { openid: user.openid, unionid: user.unionid } : null;
    },
    async userIdByUnionid(unionid: string): Promise<number | null> {
      const user = await models.User.findOne({ where: { unionid } });
      return user?.id ?? null;
    },
    async findByIdNumber(idNumber: string) {
      const user = await models.User.findOne({ where: { id_number_hash: p.pii.hash(idNumber) } });
      return user ? toUserView(user, p.pii) : null;
    },
  };
}

export type IdentityApi = ReturnType<typeof makeIdentityApi>;

/** Citizens: WeChat login, the masked profile, real-name and phone binding. */
export function createIdentity(p: Platform, wechat: Wechat) {
  const api = makeIdentityApi(p, wechat);
  return { api, router: identityRoutes(p, api) };
}

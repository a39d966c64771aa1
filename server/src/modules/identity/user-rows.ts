import type { Transaction } from 'sequelize';
import { createStampedCopies } from '../../platform/cache';
import { readRows } from '../../platform/db/read-rows';
import type { Platform } from '../../platform/platform';
import type { IdentityModels } from './index';
import type { UserRow } from './models';

/** What most requests need of a citizen's row: personal fields still encrypted, as stored. */
export type StoredUser = Pick<
  UserRow,
  'id' | 'openid' | 'unionid' | 'name_enc' | 'id_number_enc' | 'phone_enc' | 'real_named_at' | 'phone_bound_at'
>;

const COPY_TTL_MS = 10 * 60_000;
const BY_ID = `SELECT id, openid, unionid, name_enc, id_number_enc, phone_enc, real_named_at, phone_bound_at
  FROM users WHERE id = :id`;

/**
 * A citizen's row by id, as every page they open needs it (GET /api/me, the real name a
 * booking checks): from its stamped copy in the shared cache, else one indexed read.
 * Every write through the User model retires the copies once it is committed (the model's
 * hooks below), so no write path has to remember to.
 */
export function makeUserRows(p: Platform, { User }: IdentityModels) {
  const copies = createStampedCopies<StoredUser>(p.cache, 'user', COPY_TTL_MS);

  const retire = async (id: number, transaction?: Transaction | null) => {
    if (transaction) transaction.afterCommit(() => copies.changed(id));
    else await copies.changed(id);
  };
  User.afterSave((user, options) => retire(user.id, options.transaction));
  User.afterDestroy((user, options) => retire(user.id, options.transaction));
  // A bulk update or delete runs the hooks above for each row it touches.
  User.beforeBulkUpdate((options) => {
    options.individualHooks = true;
  });
  User.beforeBulkDestroy((options) => {
    options.individualHooks = true;
  });

  const load = async (userId: number) => (await readRows<StoredUser>(p.db, BY_ID, { id: userId }))[0] ?? null;
  return {
    byId: (userId: number): Promise<StoredUser | null> => copies.get(userId, () => load(userId)),
    /** The cache keys `byId` reads, for reading them with the session (requireCitizen's companions). */
    keysOf: (userId: number) => copies.keys(userId),
    /** As `byId`, from the values at `keysOf(userId)` read with the session (null: not read). */
    /** The row's text (JSON) among the values read at `keysOf`, when that copy is current; else null. */
    textRead: (read: (string | null)[] | null | undefined): string | null => (read ? copies.validText(read) : null),
    byIdRead: (userId: number, read: (string | null)[] | null | undefined): Promise<StoredUser | null> =>
      read ? copies.getRead(userId, read, () => load(userId)) : copies.get(userId, () => load(userId)),
  };
}

import {
  FAMILY_LINK_STATUS_NAMES,
  FAMILY_RELATION_NAMES,
  type FamilyLinkView,
  type FamilyRelation,
} from '@minzheng/contracts';
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { divisionPrefixes } from '../../platform/auth/scope';
import type { StaffPrincipal } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { type IdentityApi, maskName, normalizeIdNumber } from '../identity';
import {
  hallIdMismatchError,
  hallLinkNotFoundError,
  linkExistsError,
  linkNotFoundError,
  linkSelfError,
  notLinkedError,
  realNameRequiredError,
} from './errors';
import type { ElderlyModels, FamilyLinkRow } from './models';

/** Whom an action is for: the citizen themself or an elder who confirmed a link to them. */
export interface Person {
  userId: number | null;
  linkId: number | null;
  name: string;
  idNumber: string;
  hash: string;
}

/**
 * 亲属绑定: a citizen names an elder (name and ID number); the elder, signed in with that ID in
 * their own app, confirms. Only a confirmed link lets the citizen order or book for the elder,
 * and every such action keeps both (who acted, for whom).
 */
export function makeFamily(p: Platform, models: ElderlyModels, identity: IdentityApi) {
  const view = (row: FamilyLinkRow, requesterName: string): FamilyLinkView => ({
    id: row.id,
    relation: row.relation,
    relationName: FAMILY_RELATION_NAMES[row.relation],
    status: row.status,
    statusName: FAMILY_LINK_STATUS_NAMES[row.status],
    elderName: maskName(p.pii.decrypt(row.elder_name_enc)),
    requesterName,
    createdAt: new Date(row.created_at).toISOString(),
    confirmedBy: row.status !== 'confirmed' ? null : (row.confirmed_by_staff ?? null) === null ? 'elder' : 'hall',
  });

  async function me(userId: number) {
    const who = await identity.realNameOf(userId);
    if (!who) throw realNameRequiredError();
    return who;
  }

  async function request(userId: number, body: { name: string; idNumber: string; relation: FamilyRelation }) {
    const self = await me(userId);
    const idNumber = normalizeIdNumber(body.idNumber);
    if (idNumber === self.idNumber) throw linkSelfError();
    const hash = p.pii.hash(idNumber);
    try {
      return await p.db.transaction(async (transaction) => {
        const row = await models.FamilyLink.create(
          {
            requester_user_id: userId,
            elder_hash: hash,
            elder_id_enc: p.pii.encrypt(idNumber),
            elder_name_enc: p.pii.encrypt(body.name),
            relation: body.relation,
            status: 'pending',
            created_at: p.clock.date(),
            confirmed_at: null,
            confirmed_by_staff: null,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'elderly.family.request',
            target: { type: 'family_link', id: row.id },
            detail: { relation: body.relation },
          },
          transaction,
        );
        return view(row.get({ plain: true }) as FamilyLinkRow, maskName(self.name));
      });
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw linkExistsError();
      throw e;
    }
  }

  /** Links I asked for, and links elders… asked of me (as the elder named). */
  async function list(userId: number) {
    const self = await identity.realNameOf(userId);
    const mine = await models.FamilyLink.findAll({
      where: { requester_user_id: userId },
      order: [['id', 'ASC']],
      raw: true,
    });
    const incoming = self
      ? await models.FamilyLink.findAll({
          where: { elder_hash: p.pii.hash(self.idNumber) },
          order: [['id', 'ASC']],
          raw: true,
        })
      : [];
    const requesterNames = new Map<number, string>();
    for (const row of incoming) {
      const r = await identity.realNameOf(row.requester_user_id);
      requesterNames.set(row.requester_user_id, r ? maskName(r.name) : '');
    }
    const myName = self ? maskName(self.name) : '';
    return {
      mine: mine.map((r) => view(r, myName)),
      incoming: incoming.map((r) => view(r, requesterNames.get(r.requester_user_id) ?? '')),
    };
  }

  /** The elder confirms (only the person whose ID the link names). */
  async function confirm(userId: number, linkId: number) {
    const self = await me(userId);
    return p.db.transaction(async (transaction) => {
      const row = await models.FamilyLink.findOne({
        where: { id: linkId, elder_hash: p.pii.hash(self.idNumber) },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      if (!row) throw linkNotFoundError();
      if (row.status !== 'confirmed') {
        await row.update({ status: 'confirmed', confirmed_at: p.clock.date() }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'elderly.family.confirm',
            target: { type: 'family_link', id: row.id },
          },
          transaction,
        );
      }
      const requester = await identity.realNameOf(row.requester_user_id);
      return view(row.get({ plain: true }) as FamilyLinkRow, requester ? maskName(requester.name) : '');
    });
  }

  /** The elder (or the requester) ends a link; nothing already ordered changes. */
  async function remove(userId: number, linkId: number) {
    const self = await identity.realNameOf(userId);
    const or: WhereOptions[] = [{ requester_user_id: userId }];
    if (self) or.push({ elder_hash: p.pii.hash(self.idNumber) });
    const row = await models.FamilyLink.findOne({ where: { id: linkId, [Op.or]: or } });
    if (!row) throw linkNotFoundError();
    await p.db.transaction(async (transaction) => {
      await row.destroy({ transaction });
      await p.audit.record(
        {
          actor: { type: 'citizen', id: userId },
          action: 'elderly.family.remove',
          target: { type: 'family_link', id: linkId },
        },
        transaction,
      );
    });
  }

  /** The person an action is for: myself (no link), or the elder of my confirmed link. */
  async function personFor(userId: number, linkId?: number | null): Promise<Person> {
    if (!linkId) {
      const self = await me(userId);
      return { userId, linkId: null, name: self.name, idNumber: self.idNumber, hash: p.pii.hash(self.idNumber) };
    }
    const row = await models.FamilyLink.findOne({ where: { id: linkId, requester_user_id: userId }, raw: true });
    if (!row || row.status !== 'confirmed') throw notLinkedError();
    await me(userId);
    return {
      userId: null,
      linkId: row.id,
      name: p.pii.decrypt(row.elder_name_enc),
      idNumber: p.pii.decrypt(row.elder_id_enc),
      hash: row.elder_hash,
    };
  }

  /**
   * A hall's window serves the elders of its area: the 户籍 county of the elder's ID (its first six
   * digits) must be within the staff account's divisions, or the account's divisions within it
   * (a 街道's window in that county).
   */
  const windowCovers = (staff: StaffPrincipal, idNumber: string) => {
    const prefixes = divisionPrefixes(staff);
    const county = idNumber.slice(0, 6);
    return prefixes === null || prefixes.some((d) => county.startsWith(d) || d.startsWith(county));
  };

  const hallView = async (row: FamilyLinkRow) => {
    const requester = await identity.realNameOf(row.requester_user_id);
    return {
      id: row.id,
      relationName: FAMILY_RELATION_NAMES[row.relation],
      elderName: maskName(p.pii.decrypt(row.elder_name_enc)),
      requesterName: requester ? maskName(requester.name) : '',
      createdAt: new Date(row.created_at).toISOString(),
    };
  };

  /** The links waiting for the elder whose ID card staff hold at the window (the read is audited). */
  async function pendingAtHall(staff: StaffPrincipal, idNumber: string) {
    if (!windowCovers(staff, idNumber)) throw hallLinkNotFoundError();
    const rows = await models.FamilyLink.findAll({
      where: { elder_hash: p.pii.hash(idNumber), status: 'pending' },
      order: [['id', 'ASC']],
      raw: true,
    });
    await p.audit.record({
      actor: { type: 'staff', id: staff.id },
      action: 'elderly.family.hall.read',
      target: { type: 'family_link', id: rows.map((r) => r.id).join(',') || '-' },
      detail: { rows: rows.length },
    });
    return { items: await Promise.all(rows.map(hallView)) };
  }

  /**
   * Staff at a hall's window confirm a link for an elder who came in person without a phone:
   * the ID card and name must be the ones the link names, the elder's area within the account's
   * scope; audited with the staff account, the requester and the elder's link.
   */
  async function confirmAtHall(staff: StaffPrincipal, linkId: number, body: { idNumber: string; name: string }) {
    return p.db.transaction(async (transaction) => {
      const row = await models.FamilyLink.findByPk(linkId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row || !windowCovers(staff, p.pii.decrypt(row.elder_id_enc))) throw hallLinkNotFoundError();
      if (p.pii.hash(body.idNumber) !== row.elder_hash || p.pii.decrypt(row.elder_name_enc) !== body.name.trim())
        throw hallIdMismatchError();
      if (row.status !== 'confirmed') {
        await row.update(
          { status: 'confirmed', confirmed_at: p.clock.date(), confirmed_by_staff: staff.id },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'elderly.family.confirm.hall',
            target: { type: 'family_link', id: row.id },
            detail: { requesterUserId: row.requester_user_id, relation: row.relation },
          },
          transaction,
        );
      }
      const plain = row.get({ plain: true }) as FamilyLinkRow;
      return {
        ...(await hallView(plain)),
        confirmedBy: (plain.confirmed_by_staff ?? null) === null ? 'elder' : 'hall',
      };
    });
  }

  return { request, list, confirm, remove, personFor, pendingAtHall, confirmAtHall };
}

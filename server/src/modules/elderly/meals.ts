import {
  MEAL_ORDER_STATUS_NAMES,
  MEAL_SLOT_NAMES,
  MEAL_SLOTS,
  type MealMenuView,
  type MealOrderView,
  type MealQuote,
  type MealSlot,
} from '@minzheng/contracts';
import QRCode from 'qrcode';
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import { assertDivision } from '../../platform/auth';
import { divisionPrefixes } from '../../platform/auth/scope';
import { addDays, beijingDateTimeText, beijingInstant } from '../../platform/clock';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { divisions } from '../divisions';
import { maskName } from '../identity';
import { ageOn } from './allowance';
import {
  mealCancelledError,
  mealCutoffError,
  mealOrderedError,
  mealOrderNotFoundError,
  mealPickedUpError,
  mealSoldOutError,
  menuHasOrdersError,
  menuNotFoundError,
  menuPastDayError,
  notMealPlaceError,
  pickupInvalidError,
  pickupOtherMealError,
  pickupUsedError,
  placeNotFoundError,
  portionsBelowOrderedError,
} from './errors';
import type { makeFamily, Person } from './family';
import type { ElderlyModels, MealMenuRow, MealOrderRow, MealRuleRow, PlaceRow } from './models';
import type { MealRuleBody, MenuBody } from './schemas';

/** Levels of 能力评估 that earn the higher meal subsidy where a region sets one. */
const ASSESSED_LEVELS = ['moderate', 'severe', 'total'];
/** How many days of menus a citizen sees ahead. */
const DAYS_AHEAD = 7;

interface Deps {
  p: Platform;
  models: ElderlyModels;
  family: ReturnType<typeof makeFamily>;
  /** The level staff last recorded for a person (by ID hash), or null. */
  assessedLevel(hash: string): Promise<string | null>;
}

/**
 * 助餐: a station's staff publish each day's meals (dishes, price, portions, the cutoff); a
 * citizen orders for themself or for an elder of a confirmed family link until the cutoff, and
 * may cancel until then. The subsidy is the region's rule (data: the longest prefix of the
 * station's division), for a local 户籍 of the rule's age, more for an assessed 中度失能 or worse;
 * it is computed here and shown as 您应付. Portions are taken by a conditional update, so two
 * last orders at once cannot both get the last one.
 */
export function makeMeals({ p, models, family, assessedLevel }: Deps) {
  const open = (m: Pick<MealMenuRow, 'cutoff_at'>) => p.clock.now() < new Date(m.cutoff_at).getTime();

  const menuView = (m: MealMenuRow): MealMenuView => ({
    id: m.id,
    placeId: m.place_id,
    day: m.day,
    slot: m.slot,
    slotName: MEAL_SLOT_NAMES[m.slot],
    dishes: m.dishes,
    priceCents: m.price_cents,
    portions: m.portions,
    remaining: Math.max(0, m.portions - m.ordered),
    cutoffAt: new Date(m.cutoff_at).toISOString(),
    open: open(m),
  });

  const slotOrder = (a: MealMenuRow, b: MealMenuRow) =>
    a.day.localeCompare(b.day) || MEAL_SLOTS.indexOf(a.slot) - MEAL_SLOTS.indexOf(b.slot);

  async function mealPlace(id: number) {
    const place = await models.Place.findByPk(id, { raw: true });
    if (!place) throw placeNotFoundError();
    if (place.kind === 'institution') throw notMealPlaceError();
    return place;
  }

  /** The next days' menus of a station, as a citizen sees them. */
  async function menus(placeId: number) {
    const place = await mealPlace(placeId);
    const today = p.clock.today();
    const rows = await models.MealMenu.findAll({
      where: { place_id: placeId, day: { [Op.between]: [today, addDays(today, DAYS_AHEAD)] } },
      raw: true,
    });
    return { placeId, placeName: place.name, items: rows.sort(slotOrder).map(menuView) };
  }

  async function ruleFor(divisionCode: string): Promise<MealRuleRow | null> {
    const prefixes = [divisionCode.slice(0, 6), divisionCode.slice(0, 4), divisionCode.slice(0, 2)];
    const rows = await models.MealRule.findAll({ where: { prefix: { [Op.in]: prefixes } }, raw: true });
    return rows.sort((a, b) => b.prefix.length - a.prefix.length)[0] ?? null;
  }

  /** The subsidy for one diner at one station's meal, and why, in Chinese. */
  async function subsidyFor(place: PlaceRow, priceCents: number, diner: Person) {
    const rule = await ruleFor(place.division_code);
    if (!rule) return { cents: 0, note: '该助餐点所在地区暂未设置助餐补贴' };
    const region = divisions.fullName(rule.prefix.padEnd(6, '0')) || '当地';
    if (!diner.idNumber.startsWith(rule.prefix))
      return { cents: 0, note: `助餐补贴面向${region}户籍老年人，非本地户籍按原价` };
    const age = ageOn(diner.idNumber, p.clock.today());
    if (age < rule.min_age)
      return { cents: 0, note: `${region}助餐补贴面向年满${rule.min_age}周岁的老年人，用餐人${age}周岁，按原价` };
    const level = await assessedLevel(diner.hash);
    const assessed =
      level !== null && ASSESSED_LEVELS.includes(level) && rule.assessed_per_meal_cents > rule.per_meal_cents;
    const cents = Math.min(priceCents, assessed ? rule.assessed_per_meal_cents : rule.per_meal_cents);
    const yuan = (c: number) => (c / 100).toFixed(c % 100 ? 2 : 0);
    return {
      cents,
      note: assessed
        ? `经能力评估为失能老人，${region}每餐补贴${yuan(rule.assessed_per_meal_cents)}元`
        : `年满${rule.min_age}周岁的${region}户籍老年人，每餐补贴${yuan(rule.per_meal_cents)}元`,
    };
  }

  async function quote(userId: number, menuId: number, linkId?: number): Promise<MealQuote> {
    const menu = await models.MealMenu.findByPk(menuId, { raw: true });
    if (!menu) throw menuNotFoundError();
    const diner = await family.personFor(userId, linkId);
    const place = await mealPlace(menu.place_id);
    const s = await subsidyFor(place, menu.price_cents, diner);
    return {
      menuId,
      dinerName: maskName(diner.name),
      priceCents: menu.price_cents,
      subsidyCents: s.cents,
      payCents: menu.price_cents - s.cents,
      subsidyNote: s.note,
    };
  }

  /**
   * The pickup code of one meal: the order id and a keyed hash of the order, its meal, day and
   * slot — so it differs for every meal, cannot be made up, and another meal's code does not fit.
   */
  const pickupCode = (r: Pick<MealOrderRow, 'id' | 'menu_id' | 'day'>, slot: MealSlot) =>
    `${r.id}-${p.pii.hash(`meal-pickup:${r.id}:${r.menu_id}:${r.day}:${slot}`).slice(0, 8).toUpperCase()}`;

  async function orderViews(rows: MealOrderRow[], forUser?: number): Promise<MealOrderView[]> {
    if (!rows.length) return [];
    const menusById = new Map(
      (await models.MealMenu.findAll({ where: { id: [...new Set(rows.map((r) => r.menu_id))] }, raw: true })).map(
        (m) => [m.id, m],
      ),
    );
    const placesById = new Map(
      (
        await models.Place.findAll({
          where: { id: [...new Set(rows.map((r) => r.place_id))] },
          attributes: ['id', 'name'],
          raw: true,
        })
      ).map((pl) => [pl.id, pl.name]),
    );
    const today = p.clock.today();
    const views = rows.map(async (r) => {
      const m = menusById.get(r.menu_id) as MealMenuRow;
      // The code only in the citizen's own list, for a meal still to be picked up (today or later).
      const code =
        forUser !== undefined && r.status === 'ordered' && !r.picked_up_at && r.day >= today
          ? pickupCode(r, m.slot)
          : null;
      return {
        id: r.id,
        placeId: r.place_id,
        placeName: placesById.get(r.place_id) ?? '',
        menuId: r.menu_id,
        day: r.day,
        slot: m.slot,
        slotName: MEAL_SLOT_NAMES[m.slot],
        dishes: m.dishes,
        dinerName: maskName(p.pii.decrypt(r.diner_name_enc)),
        forFamily: r.link_id !== null && (forUser === undefined || r.orderer_user_id === forUser),
        priceCents: r.price_cents,
        subsidyCents: r.subsidy_cents,
        payCents: r.pay_cents,
        status: r.status,
        statusName: MEAL_ORDER_STATUS_NAMES[r.status],
        cutoffAt: new Date(m.cutoff_at).toISOString(),
        cancellable: r.status === 'ordered' && !r.picked_up_at && open(m),
        pickupCode: code,
        pickupQr: code ? await QRCode.toDataURL(code, { width: 360, margin: 2, errorCorrectionLevel: 'M' }) : null,
        pickedUpAt: r.picked_up_at ? new Date(r.picked_up_at).toISOString() : null,
      };
    });
    return Promise.all(views);
  }

  async function order(userId: number, menuId: number, linkId?: number) {
    const diner = await family.personFor(userId, linkId);
    const first = await models.MealMenu.findByPk(menuId, { raw: true });
    if (!first) throw menuNotFoundError();
    const place = await mealPlace(first.place_id);
    if (!open(first)) throw mealCutoffError(beijingDateTimeText(first.cutoff_at));
    try {
      const id = await p.db.transaction(async (transaction) => {
        // The portion is taken only while one is left and the meal is still open.
        const [taken] = await models.MealMenu.update(
          { ordered: p.db.literal('ordered + 1') as unknown as number },
          {
            where: {
              id: menuId,
              ordered: { [Op.lt]: p.db.col('portions') },
              cutoff_at: { [Op.gt]: p.clock.date() },
            },
            transaction,
          },
        );
        const menu = await models.MealMenu.findByPk(menuId, { transaction, raw: true });
        if (!menu) throw menuNotFoundError();
        if (taken !== 1) {
          if (!open(menu)) throw mealCutoffError(beijingDateTimeText(menu.cutoff_at));
          throw mealSoldOutError();
        }
        const s = await subsidyFor(place, menu.price_cents, diner);
        const row = await models.MealOrder.create(
          {
            menu_id: menuId,
            place_id: menu.place_id,
            day: menu.day,
            orderer_user_id: userId,
            link_id: diner.linkId,
            diner_hash: diner.hash,
            diner_name_enc: p.pii.encrypt(diner.name),
            price_cents: menu.price_cents,
            subsidy_cents: s.cents,
            pay_cents: menu.price_cents - s.cents,
            status: 'ordered',
            live_key: `menu:${menuId}:${diner.hash}`,
            created_at: p.clock.date(),
            cancelled_at: null,
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'elderly.meal.order',
            target: { type: 'meal_order', id: row.id },
            // Who acted for whom: the family link names the elder (never the ID itself).
            detail: { menuId, forFamilyLink: diner.linkId, subsidyCents: s.cents },
          },
          transaction,
        );
        return row.id;
      });
      const row = await models.MealOrder.findByPk(id, { raw: true });
      return (await orderViews([row as MealOrderRow], userId))[0];
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw mealOrderedError();
      throw e;
    }
  }

  /** Orders I made, and orders made for me by family, newest meal first. */
  async function mine(userId: number) {
    const self = await family.personFor(userId).catch(() => null);
    const or: WhereOptions[] = [{ orderer_user_id: userId }];
    if (self) or.push({ diner_hash: self.hash });
    const rows = await models.MealOrder.findAll({
      where: { [Op.or]: or },
      order: [
        ['day', 'DESC'],
        ['id', 'DESC'],
      ],
      limit: 50,
      raw: true,
    });
    return { items: await orderViews(rows, userId) };
  }

  /** The one who ordered, or the diner, cancels until the cutoff; the portion goes back. */
  async function cancel(userId: number, orderId: number) {
    const self = await family.personFor(userId).catch(() => null);
    await p.db.transaction(async (transaction) => {
      const row = await models.MealOrder.findByPk(orderId, { transaction, lock: transaction.LOCK.UPDATE });
      if (!row || (row.orderer_user_id !== userId && row.diner_hash !== self?.hash)) throw mealOrderNotFoundError();
      if (row.status === 'cancelled') throw mealCancelledError();
      if (row.picked_up_at) throw mealPickedUpError();
      const menu = await models.MealMenu.findByPk(row.menu_id, { transaction, raw: true });
      if (!menu) throw menuNotFoundError();
      if (!open(menu)) throw mealCutoffError(beijingDateTimeText(menu.cutoff_at));
      await row.update({ status: 'cancelled', live_key: null, cancelled_at: p.clock.date() }, { transaction });
      await models.MealMenu.update(
        { ordered: p.db.literal('ordered - 1') as unknown as number },
        { where: { id: menu.id }, transaction },
      );
      await p.audit.record(
        {
          actor: { type: 'citizen', id: userId },
          action: 'elderly.meal.cancel',
          target: { type: 'meal_order', id: orderId },
          // Who acted for whom: the link when the orderer cancels for the elder.
          detail: { forFamilyLink: row.orderer_user_id === userId ? row.link_id : null },
        },
        transaction,
      );
    });
    const row = await models.MealOrder.findByPk(orderId, { raw: true });
    return (await orderViews([row as MealOrderRow], userId))[0];
  }

  async function staffPlace(staff: StaffPrincipal, placeId: number) {
    const place = await models.Place.findByPk(placeId, { raw: true });
    if (!place) throw placeNotFoundError();
    assertDivision(staff, place.division_code, '养老服务机构');
    if (place.kind === 'institution') throw notMealPlaceError();
    return place;
  }

  /** A station's menu of one day, for its staff. */
  async function dayMenu(staff: StaffPrincipal, placeId: number, day: string) {
    const place = await staffPlace(staff, placeId);
    const rows = await models.MealMenu.findAll({ where: { place_id: placeId, day }, raw: true });
    return { placeId, placeName: place.name, day, items: rows.sort(slotOrder).map(menuView) };
  }

  /**
   * Staff enter the day's meals: each named slot is created or changed (portions never below
   * what is ordered; the price of existing orders stays what they were told); a slot left out is
   * taken off, unless someone ordered it. Audited with before and after.
   */
  async function setDayMenu(staff: StaffPrincipal, placeId: number, day: string, body: MenuBody) {
    await staffPlace(staff, placeId);
    if (day < p.clock.today()) throw menuPastDayError();
    await p.db.transaction(async (transaction) => {
      const existing = await models.MealMenu.findAll({
        where: { place_id: placeId, day },
        transaction,
        lock: transaction.LOCK.UPDATE,
      });
      const bySlot = new Map<MealSlot, (typeof existing)[number]>(existing.map((m) => [m.slot, m]));
      const before = existing.map((m) => ({
        slot: m.slot,
        dishes: m.dishes,
        priceCents: m.price_cents,
        portions: m.portions,
      }));
      for (const m of existing)
        if (!body.meals.some((x) => x.slot === m.slot)) {
          if (m.ordered > 0) throw menuHasOrdersError();
          await m.destroy({ transaction });
        }
      for (const meal of body.meals) {
        const values = {
          dishes: meal.dishes,
          price_cents: meal.priceCents,
          portions: meal.portions,
          cutoff_at: beijingInstant(day, meal.cutoff),
          updated_at: p.clock.date(),
        };
        const row = bySlot.get(meal.slot);
        if (row) {
          if (meal.portions < row.ordered) throw portionsBelowOrderedError(row.ordered);
          await row.update(values, { transaction });
        } else
          await models.MealMenu.create(
            { place_id: placeId, day, slot: meal.slot, ordered: 0, ...values },
            { transaction },
          );
      }
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.meal.menu',
          target: { type: 'elderly_place', id: placeId },
          detail: {
            day,
            before,
            after: body.meals.map((m) => ({
              slot: m.slot,
              dishes: m.dishes,
              priceCents: m.priceCents,
              portions: m.portions,
            })),
          },
        },
        transaction,
      );
    });
    return dayMenu(staff, placeId, day);
  }

  /** The station's list of one day for its staff: diners masked; reading it is audited. */
  async function dayOrders(staff: StaffPrincipal, placeId: number, day: string) {
    const place = await staffPlace(staff, placeId);
    const rows = await models.MealOrder.findAll({
      where: { place_id: placeId, day, status: 'ordered' },
      order: [['id', 'ASC']],
      raw: true,
    });
    const items = await orderViews(rows);
    const menus = (await models.MealMenu.findAll({ where: { place_id: placeId, day }, raw: true })).sort(slotOrder);
    const totals = menus.map((m) => {
      const mine = items.filter((o) => o.menuId === m.id);
      return {
        slot: m.slot,
        slotName: MEAL_SLOT_NAMES[m.slot],
        portions: m.portions,
        ordered: mine.length,
        pickedUp: mine.filter((o) => o.pickedUpAt).length,
        subsidyCents: mine.reduce((s, o) => s + o.subsidyCents, 0),
        payCents: mine.reduce((s, o) => s + o.payCents, 0),
      };
    });
    await p.audit.record({
      actor: { type: 'staff', id: staff.id },
      action: 'elderly.meal.orders.read',
      target: { type: 'elderly_place', id: placeId },
      detail: { day, rows: items.length },
    });
    return { placeId, placeName: place.name, day, totals, items };
  }

  /**
   * The station's staff accept a pickup code (scanned or typed) for the meal being served — its
   * day and slot. The code must be this station's, of this meal, still ordered and not used: the
   * use is a conditional update, so a code goes once even when scanned at two counters at once.
   */
  async function pickup(staff: StaffPrincipal, placeId: number, body: { code: string; day: string; slot: MealSlot }) {
    await staffPlace(staff, placeId);
    const code = body.code.trim().toUpperCase();
    const id = Number(/^(\d{1,10})-[0-9A-F]{8}$/.exec(code)?.[1]);
    const row = id ? await models.MealOrder.findByPk(id, { raw: true }) : null;
    const menu = row ? await models.MealMenu.findByPk(row.menu_id, { raw: true }) : null;
    if (!row || !menu || row.place_id !== placeId || pickupCode(row, menu.slot) !== code) throw pickupInvalidError();
    if (row.status === 'cancelled') throw mealCancelledError();
    if (row.day !== body.day || menu.slot !== body.slot)
      throw pickupOtherMealError(`${row.day.slice(5).replace('-', '月')}日${MEAL_SLOT_NAMES[menu.slot]}`);
    const at = p.clock.date();
    await p.db.transaction(async (transaction) => {
      const [used] = await models.MealOrder.update(
        { picked_up_at: at, picked_up_by: staff.id },
        { where: { id: row.id, status: 'ordered', picked_up_at: null }, transaction },
      );
      if (used !== 1) {
        const now = await models.MealOrder.findByPk(row.id, { transaction, raw: true });
        if (now?.status === 'cancelled') throw mealCancelledError();
        throw pickupUsedError(now?.picked_up_at ? beijingDateTimeText(now.picked_up_at) : '');
      }
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.meal.pickup',
          target: { type: 'meal_order', id: row.id },
          detail: { placeId, day: row.day, slot: menu.slot, forFamilyLink: row.link_id },
        },
        transaction,
      );
    });
    return {
      orderId: row.id,
      day: row.day,
      slotName: MEAL_SLOT_NAMES[menu.slot],
      dishes: menu.dishes,
      dinerName: maskName(p.pii.decrypt(row.diner_name_enc)),
      payCents: row.pay_cents,
      pickedUpAt: at.toISOString(),
    };
  }

  /** The regions' rules; staff see those of their divisions (and the wider ones that reach them). */
  async function listRules(staff?: StaffPrincipal) {
    const rows = await models.MealRule.findAll({ order: [['prefix', 'ASC']], raw: true });
    const prefixes = staff ? divisionPrefixes(staff) : null;
    const visible = prefixes === null ? rows : rows.filter((r) => prefixes.some((d) => r.prefix.startsWith(d)));
    return {
      items: visible.map((r) => ({
        prefix: r.prefix,
        regionName: divisions.fullName(r.prefix.padEnd(6, '0')) || r.prefix,
        minAge: r.min_age,
        perMealCents: r.per_meal_cents,
        assessedPerMealCents: r.assessed_per_meal_cents,
      })),
    };
  }

  async function setRule(staff: StaffPrincipal, prefix: string, body: MealRuleBody) {
    if (!staff.roles.includes('admin') && !staff.scope.divisions.some((d) => prefix.startsWith(d)))
      throw notFound('未找到该地区');
    const values = {
      min_age: body.minAge,
      per_meal_cents: body.perMealCents,
      assessed_per_meal_cents: body.assessedPerMealCents ?? body.perMealCents,
      updated_at: p.clock.date(),
    };
    await p.db.transaction(async (transaction) => {
      const row = await models.MealRule.findByPk(prefix, { transaction });
      const before = row ? { minAge: row.min_age, perMealCents: row.per_meal_cents } : null;
      if (row) await row.update(values, { transaction });
      else await models.MealRule.create({ prefix, ...values }, { transaction });
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.meal.rule',
          target: { type: 'region', id: prefix },
          detail: { before, after: body },
        },
        transaction,
      );
    });
    return (await listRules()).items.find((r) => r.prefix === prefix);
  }

  return { menus, quote, order, mine, cancel, dayMenu, setDayMenu, dayOrders, pickup, listRules, setRule };
}

import { createHash, randomBytes } from 'node:crypto';
import { Op } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { AppError, conflict, notFound } from '../../platform/errors';
import { enforceRateLimit } from '../../platform/rate-limit';
import { beijingDateTimeText, beijingInstant } from '../../platform/clock';
import type { BookingDeps } from './deps';
import { bookingLink, noticeData } from './notice-data';
import type { makeBook } from './book';
import type { RushDayRow, SlotRow } from './models';
import { INVITE_HOURS } from './rules';
import { periodsOn } from './slots';
import { realNameRequiredError } from './errors';

export const DRAW_RULE =
  '开奖规则：截止后生成随机种子 seed；每个报名编号 n 的排序值为 SHA-256("seed:n") 的十六进制串，按排序值从小到大依次分配号源（时段按开始时间先后）；已有同一事项有效预约或实名失效的报名跳过。任何人可用公布的种子和报名编号复算。';

/** The order of a draw: anyone with the seed and the entry numbers gets the same list. */
export const drawOrder = (seed: string, entryNos: number[]) =>
  entryNos
    .map((n) => ({ n, key: createHash('sha256').update(`${seed}:${n}`).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.n);

/**
 * Fair mode for rush dates (5/20, 七夕…): instead of first-come, entries are collected until a
 * deadline and drawn with a random seed that is published with the result, so scripts gain
 * nothing by speed and anyone can check the draw.
 */
export function makeRush(deps: BookingDeps, booking: ReturnType<typeof makeBook>) {
  const { p, models, slots, halls } = deps;
  const { RushDay, RushEntry, Hold } = models;

  const view = async (r: RushDayRow, withResults = false) => {
    const entrants = await RushEntry.count({ where: { rush_day_id: r.id } });
    const n = await deps.names.of(r);
    const base = {
      id: r.id,
      hallId: r.hall_id,
      hallName: n.hall,
      serviceCode: r.service_code,
      serviceName: n.service,
      date: r.date,
      entryDeadline: new Date(r.entry_deadline).toISOString(),
      status: r.status,
      entrants,
      rule: DRAW_RULE,
    };
    if (!withResults || r.status !== 'drawn') return base;
    const entries = await RushEntry.findAll({
      where: { rush_day_id: r.id },
      order: [['id', 'ASC']],
      attributes: ['id', 'result'],
    });
    return {
      ...base,
      seed: r.seed,
      drawnAt: r.drawn_at ? new Date(r.drawn_at).toISOString() : null,
      entries: entries.map((e) => ({ entryNo: e.id, result: e.result })),
    };
  };

  /** One process at a time draws a given day (a shared lock), in the published order. */
  const draw = (id: number) =>
    p.cache
      .withLock(`rush-draw:${id}`, () => drawLocked(id), { ttlMs: 120_000, waitMs: 1000 })
      .catch((err) => {
        if ((err as Error).name === 'LockTimeoutError') return null;
        throw err;
      });

  async function drawLocked(id: number): Promise<{ won: number; lost: number } | null> {
    const seed = randomBytes(16).toString('hex');
    // One process draws: the first to move the day from open to drawing. A crashed draw
    // ('drawing') is resumed with its recorded seed; entries already decided stay decided.
    await RushDay.update(
      { status: 'drawing', seed },
      { where: { id, status: 'open', entry_deadline: { [Op.lte]: p.clock.date() } } },
    );
    const row = await RushDay.findOne({ where: { id, status: 'drawing' } });
    if (!row) return null;
    const r = row.get({ plain: true }) as RushDayRow;
    const c = await slots.requireConfig(r.hall_id, r.service_code);
    const [day] = await halls.days(r.hall_id, r.date, 1);
    const slotRows: SlotRow[] = [];
    for (const period of periodsOn(c, day))
      slotRows.push(await slots.bookable(c, r.date, period.key, { lottery: true }));
    const entries = await RushEntry.findAll({ where: { rush_day_id: id }, order: [['id', 'ASC']] });
    const byNo = new Map(entries.map((e) => [e.id, e]));
    const names = await deps.names.of(r);
    let won = 0;
    let lost = 0;
    for (const n of drawOrder(
      r.seed!,
      entries.map((e) => e.id),
    )) {
      const e = byNo.get(n)!;
      if (e.result) {
        e.result === 'won' ? won++ : lost++;
        continue;
      }
      const eligible =
        (await deps.identity.realNameOf(e.user_id)) &&
        !(await Hold.findOne({ where: { user_id: e.user_id, service_code: r.service_code } }));
      const free = eligible ? await firstFree(slotRows) : null;
      await p.db.transaction(async (t) => {
        const [u] = await RushEntry.update(
          { result: free ? 'won' : 'lost' },
          { where: { id: e.id, result: null }, transaction: t },
        );
        if (u !== 1) return;
        if (!free) {
          lost++;
          await deps.notices.notify(
            { userId: e.user_id },
            'rush.lost',
            { hall: names.hall, service: names.service, date: r.date, seed: r.seed! },
            undefined,
            { transaction: t },
          );
          return;
        }
        const b = await booking.seatAndRecord(t, c, free, e.user_id, { consentNotices: true, rushDayId: r.id });
        await RushEntry.update({ booking_id: b.id }, { where: { id: e.id }, transaction: t });
        won++;
        const next = b.invite_code
          ? `请在${INVITE_HOURS}小时内将邀请码 ${b.invite_code} 发给另一方确认，逾期号源将释放。`
          : '请按时到场。';
        await deps.notices.notify(
          { userId: e.user_id },
          'rush.won',
          noticeData(names, b, { next }),
          bookingLink(b.code),
          {
            transaction: t,
          },
        );
      });
    }
    await RushDay.update({ status: 'drawn', drawn_at: p.clock.date() }, { where: { id, status: 'drawing' } });
    return { won, lost };
  }

  async function firstFree(list: SlotRow[]): Promise<SlotRow | null> {
    for (const s of list) if ((await slots.seatsLeft(s.id)) > 0) return s;
    return null;
  }

  return {
    draw,
    async create(
      staff: StaffPrincipal,
      hallId: number,
      input: { serviceCode: string; date: string; entryDeadline: string },
    ) {
      await halls.hallInScope(staff, hallId);
      await slots.requireConfig(hallId, input.serviceCode);
      const deadline = new Date(input.entryDeadline);
      if (deadline.getTime() >= beijingInstant(input.date, '00:00').getTime())
        throw conflict('DEADLINE_TOO_LATE', '报名截止时间须早于热门日期当天');
      if (deadline.getTime() <= p.clock.now()) throw conflict('DEADLINE_PAST', '报名截止时间须晚于现在');
      const [day] = await halls.days(hallId, input.date, 1);
      if (!day.open) throw conflict('HALL_CLOSED', `该日大厅不办公（${day.note}），请先设置特别开放`);
      try {
        const r = await RushDay.create({
          hall_id: hallId,
          service_code: input.serviceCode,
          date: input.date,
          entry_deadline: deadline,
          status: 'open',
        });
        slots.forget(hallId);
        await p.audit.record({
          actor: { type: 'staff', id: staff.id },
          action: 'bookings.rush_day',
          target: { type: 'hall', id: hallId },
          detail: { ...input },
        });
        return { rushDay: await view(r.get({ plain: true }) as RushDayRow) };
      } catch (err) {
        if ((err as Error).name === 'SequelizeUniqueConstraintError')
          throw conflict('RUSH_DAY_EXISTS', '该日期已设置抽签');
        throw err;
      }
    },
    async list(hallId: number, serviceCode?: string) {
      const rows = await RushDay.findAll({
        where: {
          hall_id: hallId,
          ...(serviceCode ? { service_code: serviceCode } : {}),
          date: { [Op.gte]: p.clock.today() },
        },
        order: [['date', 'ASC']],
      });
      return { items: await Promise.all(rows.map((r) => view(r.get({ plain: true }) as RushDayRow))) };
    },
    async get(id: number, userId?: number) {
      const r = await RushDay.findByPk(id);
      if (!r) throw notFound('未找到该抽签');
      const mine = userId ? await RushEntry.findOne({ where: { rush_day_id: id, user_id: userId } }) : null;
      return {
        rushDay: await view(r.get({ plain: true }) as RushDayRow, true),
        myEntry: mine ? { entryNo: mine.id, result: mine.result } : null,
      };
    },
    async enter(userId: number, id: number) {
      await enforceRateLimit(p.cache, `rush:user:${userId}`, 20, 60_000, '操作过于频繁，请稍后再试');
      const r = await RushDay.findByPk(id);
      if (!r) throw notFound('未找到该抽签');
      if (r.status !== 'open' || new Date(r.entry_deadline).getTime() <= p.clock.now())
        throw conflict('ENTRY_CLOSED', '报名已截止');
      if (!(await deps.identity.realNameOf(userId))) throw realNameRequiredError();
      const c = await slots.requireConfig(r.hall_id, r.service_code);
      const until = await booking.banUntil(userId, c);
      if (until) throw new AppError(403, 'NO_SHOW_BANNED', `因多次预约未到场，${until}前不能预约`);
      const names = await deps.names.of(r);
      try {
        const e = await p.db.transaction(async (t) => {
          const entry = await RushEntry.create(
            { rush_day_id: id, user_id: userId, created_at: p.clock.date() },
            { transaction: t },
          );
          await deps.notices.notify(
            { userId },
            'rush.entered',
            {
              hall: names.hall,
              service: names.service,
              date: r.date,
              deadline: beijingDateTimeText(r.entry_deadline),
            },
            undefined,
            { transaction: t },
          );
          return entry;
        });
        return { entry: { entryNo: e.id, rushDayId: id } };
      } catch (err) {
        if ((err as Error).name === 'SequelizeUniqueConstraintError')
          throw conflict('ALREADY_ENTERED', '您已报名本次抽签');
        throw err;
      }
    },
    /** Job: draw every rush day whose entry deadline has passed. */
    async drawDue(): Promise<number> {
      const due = await RushDay.findAll({
        where: { status: { [Op.in]: ['open', 'drawing'] }, entry_deadline: { [Op.lte]: p.clock.date() } },
        limit: 50,
      });
      let n = 0;
      for (const r of due) if (await draw(r.id)) n++;
      return n;
    },
  };
}

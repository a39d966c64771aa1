import type { Transaction } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import type { CatalogueApi } from '../catalogue';
import { makeDirectory } from './directory';
import { makeDisplayToken } from './display-token';
import { makeEntryCodes } from './entry-codes';
import { makeManage } from './manage';
import { defineHallModels } from './models';
import { openAt } from './opening';
import { hallRoutes } from './routes';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type HallModels = ReturnType<typeof defineHallModels>;
export type { HallDay } from './opening';
export type { HallRow, WindowRow, Sessions } from './models';
export { HALL_PAGE, MP_SCENE_PREFIX } from './entry-codes';
/** The working-day calendar (national, with 调休) for statutory periods counted by other modules. */
export { addWorkingDays, calendarPeriodEnd, type CountedDay, workingDay, workingDaysBetween } from './working-days';

function makeHallsApi(p: Platform, wechat: Wechat, catalogue: CatalogueApi) {
  const models = defineHallModels(p.db);
  const directory = makeDirectory(models, catalogue, p.clock);
  const manage = makeManage(p, models, catalogue);
  const entryCodes = makeEntryCodes(p, wechat, models, manage);
  const displayToken = makeDisplayToken(p, models, manage);
  return {
    directory,
    manage,
    entryCodes,
    displayToken,
    /** For the queue's display stream: the hall whose display token this is (401 otherwise). */
    verifyDisplayToken: displayToken.verify,
    /** For other modules: a hall staff may act on (404 otherwise). */
    hallInScope: manage.hallInScope,
    /** For other modules: an active hall (404 otherwise). */
    activeHall: directory.activeHall,
    /**
     * For scope checks: where each of these halls is (closed ones too; unknown ids are left out).
     * Inside another module's transaction, pass it: a second connection is not taken for the read.
     */
    async places(
      hallIds: number[],
      transaction?: Transaction,
    ): Promise<Array<{ divisionCode: string; hallId: number }>> {
      if (!hallIds.length) return [];
      const rows = await models.Hall.findAll({
        where: { id: [...new Set(hallIds)] },
        attributes: ['id', 'division_code'],
        transaction,
      });
      return rows.map((h) => ({ divisionCode: h.division_code, hallId: h.id }));
    },
    /** For statistics: each of these halls' name (closed ones too; unknown ids are left out). */
    async names(hallIds: number[]): Promise<Map<number, string>> {
      if (!hallIds.length) return new Map();
      const rows = await models.Hall.findAll({ where: { id: [...new Set(hallIds)] }, attributes: ['id', 'name'] });
      return new Map(rows.map((h) => [h.id, h.name]));
    },
    /** For the 首页 search: every active hall's name and address. */
    async activeDirectory(): Promise<Array<{ id: number; name: string; address: string; divisionCode: string }>> {
      const rows = await models.Hall.findAll({
        where: { active: true },
        attributes: ['id', 'name', 'address', 'division_code'],
        order: [['id', 'ASC']],
        raw: true,
      });
      return rows.map((h) => ({ id: h.id, name: h.name, address: h.address, divisionCode: h.division_code }));
    },
    /** The hall's days from `from`, overrides applied. */
    async days(hallId: number, from: string, count: number) {
      return directory.days(await directory.activeHall(hallId), from, count);
    },
    async openNow(hallId: number) {
      const hall = await directory.activeHall(hallId);
      const now = p.clock.beijing();
      const [today] = await directory.days(hall, now.date, 1);
      return { hall, today, ...openAt(today, now) };
    },
    async windows(hallId: number) {
      return models.Window.findAll({ where: { hall_id: hallId, active: true }, order: [['number', 'ASC']] });
    },
    /** Which services a hall handles at any of its windows. */
    async handles(hallId: number, serviceCode: string) {
      return (await this.windows(hallId)).some((w) => w.service_codes.includes(serviceCode));
    },
    /** A scanned scene (mini-program or public-account EventKey) → hall, window, service. */
    resolveScene: entryCodes.resolve,
  };
}

export type HallsApi = ReturnType<typeof makeHallsApi>;

/** 民政服务大厅: the directory, hours over the national calendar, windows, QR entry codes. */
export function createHalls(p: Platform, wechat: Wechat, catalogue: CatalogueApi) {
  const api = makeHallsApi(p, wechat, catalogue);
  return { api, router: hallRoutes(p, api) };
}

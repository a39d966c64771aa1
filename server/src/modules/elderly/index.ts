import { Op } from 'sequelize';
import type { Platform } from '../../platform/platform';
import { containsPattern } from '../../platform/search/ngrams';
import type { BookingsApi } from '../bookings';
import type { CasesApi } from '../cases';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import { makeAllowance } from './allowance';
import { makeAssessment } from './assessment';
import { elderlyCaseTypes, PROGRESS_TEMPLATE } from './case-types';
import { makeDirectory } from './directory';
import { claimNotFoundError } from './errors';
import { makeFamily } from './family';
import { makeKeepCurrent } from './keep-current';
import { makeMeals } from './meals';
import { makeMine } from './mine';
import { defineElderlyModels } from './models';
import { elderlyRoutes } from './routes';
import { livePlaces } from './place-index';
import { makeRegisterPlace } from './register-place';
import { makeSubsidy } from './subsidy';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';
export type { PlaceInput } from './register-place';
export { cellRanges, gridCell } from './grid';

interface Deps {
  bookings: BookingsApi;
  cases: CasesApi;
  identity: IdentityApi;
  notices: NoticesApi;
}

interface ProgressNotice {
  service: string;
  number: string;
  step: string;
  action: string;
  note: string;
}

function makeElderlyApi(p: Platform, deps: Deps) {
  const models = defineElderlyModels(p.db);
  // The directory's places in this process, current with every process's writes (place-index.ts).
  const index = livePlaces(p);
  const own = { p, models, ...deps };
  const allowance = makeAllowance(own);
  const family = makeFamily(p, models, deps.identity);
  const assessment = makeAssessment({ ...own, family });
  const meals = makeMeals({ p, models, family, assessedLevel: assessment.levelOf });
  const claimOf = async (caseId: number, transaction?: import('sequelize').Transaction) => {
    const row = await models.Claim.findOne({ where: { case_id: caseId }, transaction });
    if (!row) throw claimNotFoundError();
    return row;
  };
  for (const type of elderlyCaseTypes({
    async release(ctx) {
      const claim = await claimOf(ctx.caseRef.id, ctx.transaction);
      await claim.update({ live_key: null }, { transaction: ctx.transaction });
    },
    async offeredAmount(ctx) {
      return (await claimOf(ctx.caseRef.id, ctx.transaction)).monthly_cents;
    },
    async assessmentEnded(ctx, freeSlot) {
      await assessment.hooks.release(ctx.caseRef.id, ctx.transaction, freeSlot);
    },
    async assessmentLevel(ctx, level) {
      await assessment.hooks.recordLevel(ctx.caseRef.id, ctx.transaction, level);
    },
  }))
    deps.cases.registerType(type);
  deps.notices.templates.register<ProgressNotice>({
    key: PROGRESS_TEMPLATE,
    kind: 'application',
    render: (d) => ({
      title: `${d.service}办理进度`,
      body: `您的申请（${d.number}）：${d.action}，当前环节「${d.step}」。${d.note}`,
    }),
  });
  return {
    models,
    directory: makeDirectory(p.db, models, index),
    /** For the 首页 search: places whose name holds `q`, most free beds first. */
    async named(q: string, limit: number) {
      const like = containsPattern(q);
      if (!like) return [];
      return models.Place.findAll({
        where: { name: { [Op.like]: like } },
        attributes: ['id', 'kind', 'name', 'address', 'vacancies'],
        order: [
          ['vacancies', 'DESC'],
          ['id', 'ASC'],
        ],
        limit,
        raw: true,
      });
    },
    keepCurrent: makeKeepCurrent(p, models, index.live),
    /** Puts a place in the directory (idempotent by name and division): the seed and imports. */
    registerPlace: makeRegisterPlace(p, models, index.live),
    allowance,
    applySubsidy: makeSubsidy({ ...own, assessedLevel: assessment.levelOf }),
    family,
    meals,
    assessment,
    mine: makeMine(deps.cases),
  };
}

export type ElderlyApi = ReturnType<typeof makeElderlyApi>;

/**
 * 养老服务: the directory of institutions, community stations and meal points (staff keep
 * vacancies and prices current), 高龄津贴 免申即享 and 养老服务补贴 as case types of the engine.
 */
export function createElderly(p: Platform, deps: Deps) {
  const api = makeElderlyApi(p, deps);
  return { api, router: elderlyRoutes(p, api) };
}

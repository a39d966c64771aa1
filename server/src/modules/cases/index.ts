import { Op, QueryTypes, type Transaction } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import type { StaffApi } from '../staff';
import { makeBulkAct } from './bulk-act';
import { CLOCK_JOB, makeDailyClock } from './daily-clock';
import type { CaseDeps } from './deps';
import { makeInbox } from './inbox';
import { createKeptInbox } from './kept';
import { defineCaseModels } from './models';
import { holderLabel } from './organs';
import { caseNotFoundError } from './errors';
import { createCaseTypeRegistry } from './registry';
import { caseRoutes } from './routes';
import { makeStatistics } from './statistics';
import { type Acting, makeTransitions, toCaseRef } from './transitions';
import type { CaseStatus, CaseTypeDef } from './types';
import { makeViews } from './views';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type {
  ActionContext,
  ActionDef,
  ActionOutcome,
  ActorInfo,
  CaseRef,
  CaseStatus,
  CaseTypeDef,
  Level,
  StageClock,
  StageDef,
  StageHolder,
} from './types';
export type { Acting } from './transitions';
export { LEVEL_NAMES } from './types';
export { organName, placeName } from './organs';
export { caseNotFoundError } from './errors';
export { CLOCK_JOB } from './daily-clock';

interface Deps {
  notices: NoticesApi;
  staff: StaffApi;
}

function makeCasesApi(p: Platform, deps: Deps) {
  const models = defineCaseModels(p.db);
  const types = createCaseTypeRegistry();
  const caseDeps: CaseDeps = { p, models, types, ...deps, kept: createKeptInbox(p) };
  const transitions = makeTransitions(caseDeps);
  const views = makeViews(caseDeps, transitions);
  return {
    /**
     * Declares a case type (its stages, holders, forms, clocks and notices). Call it when the
     * owning module is created; the key and number prefix must be new.
     */
    registerType: (def: CaseTypeDef) => types.register(def),
    /** For the staff citizen look-up: the divisions of this citizen's applications. */
    async placesOf(userId: number) {
      const rows = await models.Case.findAll({
        where: { applicant_user_id: userId },
        attributes: ['division_code'],
        group: ['division_code'],
        raw: true,
      });
      return rows.map((r) => ({ divisionCode: r.division_code, hallId: null }));
    },
    /** Opens a case at its type's first stage; pass the owning module's transaction. */
    open: transitions.open,
    /** Takes one action on a case (see ActInput); pass a transaction to join the caller's. */
    act: transitions.act,
    /**
     * Whether `acting` may take `action` on the case now, by the same rules `act` applies (the
     * stage's holder, the named worker, the scope), without taking it: the case when so, else
     * the refusal `act` would give — 404 outside the account's divisions, 409 at another stage,
     * 403 naming who holds the stage. For work a module does for the holder before the action
     * (the survey's photos before the survey).
     */
    async mayAct(caseId: number, action: string, acting: Acting) {
      const row = await models.Case.findByPk(caseId);
      if (!row || !types.has(row.type)) throw caseNotFoundError();
      if (acting.kind === 'staff' && !coversDivision(acting.staff, row.division_code)) throw caseNotFoundError();
      const type = types.get(row.type);
      const stage = type.stages[row.stage];
      await transitions.authorize(row, stage, transitions.findAction(type, stage, action), acting);
      return toCaseRef(row);
    },
    bulkAct: makeBulkAct(caseDeps, transitions),
    inbox: makeInbox(caseDeps),
    views,
    clock: makeDailyClock(caseDeps, transitions),
    statistics: makeStatistics(caseDeps),
    /** How many of a citizen's applications are not closed (their real name must not change meanwhile). */
    async unclosedCountOf(userId: number): Promise<number> {
      return models.Case.count({ where: { applicant_user_id: userId, status: { [Op.ne]: 'closed' } } });
    },
    /** One case for its owning module (no scope check: the caller checks). */
    async get(caseId: number, transaction?: Transaction) {
      const row = await models.Case.findByPk(caseId, { transaction });
      return row ? toCaseRef(row) : null;
    },
    async byNumber(number: string) {
      const row = await models.Case.findOne({ where: { number } });
      return row ? toCaseRef(row) : null;
    },
    /** Cases of some types for the owning module's own lists (公示 of a community, a family's cases). */
    async find(filter: {
      types: string[];
      stages?: string[];
      statuses?: CaseStatus[];
      divisionPrefix?: string;
      ids?: number[];
      applicantUserId?: number;
      limit?: number;
    }) {
      const rows = await models.Case.findAll({
        where: {
          type: { [Op.in]: filter.types },
          ...(filter.stages ? { stage: { [Op.in]: filter.stages } } : {}),
          ...(filter.statuses ? { status: { [Op.in]: filter.statuses } } : {}),
          ...(filter.divisionPrefix ? { division_code: { [Op.like]: `${filter.divisionPrefix}%` } } : {}),
          ...(filter.ids ? { id: { [Op.in]: filter.ids } } : {}),
          ...(filter.applicantUserId ? { applicant_user_id: filter.applicantUserId } : {}),
        },
        order: [['id', 'DESC']],
        limit: filter.limit ?? 500,
      });
      return rows.map(toCaseRef);
    },
    /**
     * Cases of some types that have ever entered `stage`, one page at a time, in SQL: those
     * still in it first, then by their latest entry into it, newest first (a 公示 list).
     * `divisionPrefixes` undefined means every division.
     */
    async findEntered(filter: {
      types: string[];
      stage: string;
      divisionPrefixes?: string[];
      /** true: only those still in the stage; false: only those that have left it */
      current?: boolean;
      page: number;
      pageSize: number;
    }) {
      if (!filter.types.length || filter.divisionPrefixes?.length === 0) return { total: 0, refs: [] };
      const replacements: Record<string, unknown> = { types: filter.types, stage: filter.stage };
      const scope = filter.divisionPrefixes
        ? `AND (${filter.divisionPrefixes
            .map((prefix, i) => {
              replacements[`prefix${i}`] = `${prefix}%`;
              return `c.division_code LIKE :prefix${i}`;
            })
            .join(' OR ')})`
        : '';
      const now = filter.current === undefined ? '' : filter.current ? 'AND c.stage = :stage' : 'AND c.stage <> :stage';
      const from = `FROM cases c JOIN case_transitions t ON t.case_id = c.id AND t.to_stage = :stage
        WHERE c.type IN (:types) ${scope} ${now}`;
      const [{ total }] = await p.db.query<{ total: number }>(`SELECT COUNT(DISTINCT c.id) AS total ${from}`, {
        replacements,
        type: QueryTypes.SELECT,
      });
      const page = await p.db.query<{ id: number }>(
        `SELECT c.id, MAX(CASE WHEN c.stage = :stage THEN 1 ELSE 0 END) AS running, MAX(t.at) AS entered_at ${from}
         GROUP BY c.id ORDER BY running DESC, entered_at DESC, c.id DESC LIMIT :limit OFFSET :offset`,
        {
          replacements: { ...replacements, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize },
          type: QueryTypes.SELECT,
        },
      );
      const ids = page.map((r) => Number(r.id));
      const rows = ids.length ? await models.Case.findAll({ where: { id: { [Op.in]: ids } } }) : [];
      const byId = new Map(rows.map((r) => [r.id, toCaseRef(r)]));
      return { total: Number(total), refs: ids.flatMap((id) => byId.get(id) ?? []) };
    },
    /** The steps of a case, oldest first (the owning module's views). */
    async history(caseId: number) {
      return models.Transition.findAll({ where: { case_id: caseId }, order: [['seq', 'ASC']], raw: true });
    },
    /** The steps of many cases, oldest first per case (the owning module's lists). */
    async historyOf(caseIds: number[]) {
      if (!caseIds.length) return [];
      return models.Transition.findAll({
        where: { case_id: { [Op.in]: caseIds } },
        order: [
          ['case_id', 'ASC'],
          ['seq', 'ASC'],
        ],
        raw: true,
      });
    },
    /** Registered types with their stages, for the console's filters and forms. */
    describeTypes() {
      return types.all().map((type) => ({
        key: type.key,
        name: type.name,
        stages: Object.values(type.stages).map((stage) => ({
          key: stage.key,
          name: stage.name,
          status: stage.status,
          holder: stage.holder ?? null,
          heldBy: holderLabel(stage.holder),
          clock: stage.clock ?? null,
        })),
      }));
    },
  };
}

export type CasesApi = ReturnType<typeof makeCasesApi>;

/**
 * 案件: the application and review engine other modules build on. A module registers its case
 * types through `api.registerType` and opens cases with `api.open`; staff move them on through
 * the engine's endpoints; the engine keeps the history (append-only), the statutory clock in
 * working days, the flags, the notices and the statistics.
 */
export function createCases(p: Platform, deps: Deps) {
  const api = makeCasesApi(p, deps);
  // Idempotent: runs often, rolls up once a day (see daily-clock.ts).
  p.jobs.define(CLOCK_JOB, async () => {
    await api.clock.run();
  });
  const schedule = () => p.jobs.every(CLOCK_JOB, 15 * 60_000);
  return { api, router: caseRoutes(p, api), schedule };
}

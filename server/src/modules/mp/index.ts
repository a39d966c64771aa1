import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import type { IdentityApi } from '../identity';
import type { MarriageKbApi } from '../marriage-kb';
import { makeHallPlaces } from './halls';
import { makeMenu } from './menu';
import { defineMpModels } from './models';
import { makePush } from './push';
import { makeReplies } from './replies';
import { mpRoutes } from './routes';
import { makeScenes } from './scenes';
import { makeSegments, makeTags } from './segments';
import { makeSubscribers } from './subscribers';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type MpModels = ReturnType<typeof defineMpModels>;
export type { Segment } from './schemas';
export type { HallLookup } from './halls';
export type { SegmentMember, UserSource } from './segments';
export { segmentSchema } from './schemas';

function makeMpApi(p: Platform, wechat: Wechat, identity: IdentityApi, knowledge: MarriageKbApi) {
  const models = defineMpModels(p.db);
  const halls = makeHallPlaces();
  const scenes = makeScenes(p, wechat, models, halls);
  const subscribers = makeSubscribers(p, wechat, identity, models, scenes);
  const replies = makeReplies(p, models, knowledge);
  const push = makePush(p, subscribers, replies);
  return {
    /** Add handlers for pushed messages: `push.on('event:TEMPLATESENDJOBFINISH', fn)`. */
    push: push.handlers,
    endpoint: push.endpoint,
    subscribers,
    segments: makeSegments(p, models, scenes, halls),
    tags: makeTags(p, models),
    scenes,
    replies,
    menu: makeMenu(p, wechat, models),
    /** How to find a hall's division (the halls module answers): scopes hall QR codes and audiences. */
    useHallLookup: halls.use,
  };
}

export type MpApi = ReturnType<typeof makeMpApi>;

/**
 * The public account (服务号): its push endpoint, followers and where they came from,
 * keyword replies, the menu, audience segments. Mount `endpoint` before the JSON body parser.
 */
export function createMp(p: Platform, wechat: Wechat, identity: IdentityApi, knowledge: MarriageKbApi) {
  const api = makeMpApi(p, wechat, identity, knowledge);
  return { api, router: mpRoutes(p, api), endpoint: api.endpoint };
}

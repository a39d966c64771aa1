import Router from '@koa/router';
import { requireCitizen } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { readImage, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import { MAX_IMAGE_BYTES } from './complaints/images';
import type { SocialOrgsApi } from './index';
import { complaintBody, listQuery, profileQuery, searchQuery, trackingParam } from './schemas';
import { z } from 'zod';

export const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,43}$/, '图片标识无效') });

/** The citizen's side: search, profiles, follows, complaints and 我的投诉. */
export function socialOrgRoutes(p: Platform, api: SocialOrgsApi) {
  const router = new Router<AppState>({ prefix: '/api/social-orgs' });
  const citizen = requireCitizen(p.citizenSessions);

  router.get('/', async (ctx) => {
    ctx.type = 'json';
    ctx.body = await api.searchJson(parse(searchQuery, ctx.query)); // cached as bytes: sent as is
  });
  router.get('/illegal', async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.illegalOrgs.list(page, pageSize);
  });
  router.get('/following', citizen, async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.follows.list(ctx.state.citizen!.userId, page, pageSize);
  });

  router.post('/complaint-images', citizen, async (ctx) => {
    const image = await api.complaintImages.upload(ctx.state.citizen!.userId, () =>
      readImage(ctx, { maxBytes: MAX_IMAGE_BYTES }),
    );
    ctx.status = 201;
    ctx.body = image;
  });
  router.get('/complaint-images/:token', citizen, async (ctx) => {
    const { token } = parse(tokenParam, ctx.params);
    const img = await api.complaintImages.read(token, async (i) => i.user_id === ctx.state.citizen!.userId);
    ctx.set('Cache-Control', 'private, max-age=3600');
    sendImage(ctx, img);
  });
  router.post('/complaints', citizen, async (ctx) => {
    const result = await api.submitComplaint(ctx.state.citizen!.userId, parse(complaintBody, ctx.request.body));
    ctx.status = result.replayed ? 200 : 201;
    ctx.body = result;
  });
  router.get('/complaints', citizen, async (ctx) => {
    const { page, pageSize } = parse(listQuery, ctx.query);
    ctx.body = await api.complaints.mine(ctx.state.citizen!.userId, page, pageSize);
  });
  router.get('/complaints/:trackingNo', citizen, async (ctx) => {
    ctx.body = await api.complaints.get(ctx.state.citizen!.userId, parse(trackingParam, ctx.params).trackingNo);
  });

  router.get('/:uscc', async (ctx) => {
    const { asOf } = parse(profileQuery, ctx.query);
    ctx.type = 'json';
    ctx.body = await api.profileJson(ctx.params.uscc, asOf); // cached as bytes: sent as is
  });
  router.get('/:uscc/follow', citizen, async (ctx) => {
    ctx.body = await api.follows.status(ctx.state.citizen!.userId, ctx.params.uscc);
  });
  router.put('/:uscc/follow', citizen, async (ctx) => {
    ctx.body = await api.follows.follow(ctx.state.citizen!.userId, ctx.params.uscc);
  });
  router.delete('/:uscc/follow', citizen, async (ctx) => {
    ctx.body = await api.follows.unfollow(ctx.state.citizen!.userId, ctx.params.uscc);
  });
  return router;
}

import Router from '@koa/router';
import { requireCitizen, requireStaff } from '../../platform/auth';
import type { AppState } from '../../platform/context';
import type { Platform } from '../../platform/platform';
import { readUpload, sendImage } from '../../platform/uploads';
import { parse } from '../../platform/validation';
import type { CommunityApi } from './index';
import { MAX_ATTACHMENT_BYTES } from './publicity';
import {
  candidatesBody,
  codeParam,
  commentBody,
  electionBody,
  followBody,
  hideBody,
  idParam,
  noticeBody,
  noticesQuery,
  openVoteBody,
  profileBody,
  proposalBody,
  rejectBody,
  residentBody,
  residentsQuery,
  resultsBody,
  streetParam,
  tokenParam,
  voteBody,
} from './schemas';

/**
 * 社区治理 over HTTP. Anyone: community pages, a 乡镇/街道's communities, 居务公开, proposals,
 * published results and receipts, elections. Citizens: follow, apply as resident, propose,
 * comment, vote. Community staff (村/居委会): profile, publish, confirm residents, moderate,
 * open and close votes, 换届.
 */
const JSON_TYPE = 'application/json; charset=utf-8';
const VILLAGE_CODE = /^\d{12}$/;
const STREET_CODE = /^\d{9}$/;

export function communityRoutes(p: Platform, api: CommunityApi) {
  const router = new Router<AppState>();
  const citizen = requireCitizen(p.citizenSessions);
  const me = (ctx: { state: AppState }) => ctx.state.citizen!.userId;
  const code = (ctx: { params: unknown }) => parse(codeParam, ctx.params).code;
  const id = (ctx: { params: unknown }) => parse(idParam, ctx.params).id;

  // The two public pages asked at the size of the country: a well-formed code skips the schema
  // (whose answer for it is the code itself), the type is set as the header it becomes.
  router.get('/api/community/communities/:code', async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.set('Content-Type', JSON_TYPE);
    const raw = ctx.params.code;
    ctx.body = await api.pages.pageJson(VILLAGE_CODE.test(raw) ? raw : code(ctx));
  });
  router.get('/api/community/streets/:code/communities', async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.set('Content-Type', JSON_TYPE);
    const raw = ctx.params.code;
    ctx.body = await api.pages.childrenJson(STREET_CODE.test(raw) ? raw : parse(streetParam, ctx.params).code);
  });
  router.get('/api/community/communities/:code/notices', async (ctx) => {
    ctx.body = await api.publicity.list(code(ctx), parse(noticesQuery, ctx.query).category);
  });
  router.get('/api/community/notices/:id', async (ctx) => {
    ctx.body = await api.publicity.one(id(ctx));
  });
  router.get('/api/community/attachments/:token', async (ctx) => {
    const file = await api.publicity.attachment(parse(tokenParam, ctx.params).token);
    ctx.set('Cache-Control', 'public, max-age=86400');
    if (file.mime === 'application/pdf') {
      ctx.type = 'application/pdf';
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.set('Content-Disposition', 'attachment; filename="attachment.pdf"');
      ctx.body = file.data;
    } else sendImage(ctx, file);
  });
  router.get('/api/community/communities/:code/proposals', async (ctx) => {
    ctx.body = await api.proposals.list(code(ctx));
  });
  router.get('/api/community/proposals/:id', async (ctx) => {
    ctx.body = await api.proposals.one(id(ctx));
  });
  router.get('/api/community/proposals/:id/receipts', async (ctx) => {
    ctx.body = await api.proposals.receipts(id(ctx));
  });
  router.get('/api/community/communities/:code/elections', async (ctx) => {
    ctx.body = await api.elections.list(code(ctx));
  });

  router.get('/api/community/follows', citizen, async (ctx) => {
    ctx.body = await api.publicity.follows.list(me(ctx));
  });
  router.post('/api/community/follows', citizen, async (ctx) => {
    ctx.body = await api.publicity.follows.follow(me(ctx), parse(followBody, ctx.request.body).code);
  });
  router.delete('/api/community/follows/:code', citizen, async (ctx) => {
    ctx.body = await api.publicity.follows.unfollow(me(ctx), code(ctx));
  });
  router.get('/api/community/me/residence', citizen, async (ctx) => {
    ctx.body = await api.residents.mine(me(ctx));
  });
  router.delete('/api/community/me/residence', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.residents.withdraw(me(ctx));
  });
  router.post('/api/community/communities/:code/residents', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.residents.apply(me(ctx), code(ctx), parse(residentBody, ctx.request.body).address);
  });
  router.post('/api/community/communities/:code/proposals', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.proposals.propose(me(ctx), code(ctx), parse(proposalBody, ctx.request.body));
  });
  router.post('/api/community/proposals/:id/comments', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.proposals.comment(me(ctx), id(ctx), parse(commentBody, ctx.request.body).body);
  });
  router.post('/api/community/proposals/:id/votes', citizen, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.proposals.vote(me(ctx), id(ctx), parse(voteBody, ctx.request.body).option);
  });
  router.get('/api/community/proposals/:id/my-ballot', citizen, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.proposals.myBallot(me(ctx), id(ctx));
  });

  const staff = requireStaff(p.staffSessions, 'community_staff');
  const who = (ctx: { state: AppState }) => ctx.state.staff!;

  router.put('/api/staff/community/communities/:code/profile', staff, async (ctx) => {
    ctx.body = { community: await api.pages.updateProfile(who(ctx), code(ctx), parse(profileBody, ctx.request.body)) };
  });
  router.post('/api/staff/community/attachments', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.publicity.uploadAttachment(who(ctx), () =>
      readUpload(ctx, { maxBytes: MAX_ATTACHMENT_BYTES }),
    );
  });
  router.post('/api/staff/community/communities/:code/notices', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.publicity.publish(who(ctx), code(ctx), parse(noticeBody, ctx.request.body));
  });
  router.get('/api/staff/community/notices', staff, async (ctx) => {
    ctx.body = await api.publicity.staffList(who(ctx));
  });
  router.get('/api/staff/community/residents', staff, async (ctx) => {
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await api.residents.staffList(who(ctx), parse(residentsQuery, ctx.query).status);
  });
  router.post('/api/staff/community/residents/:id/confirm', staff, async (ctx) => {
    ctx.body = await api.residents.decide(who(ctx), id(ctx), 'confirm');
  });
  router.post('/api/staff/community/residents/:id/reject', staff, async (ctx) => {
    ctx.body = await api.residents.decide(who(ctx), id(ctx), 'reject', parse(rejectBody, ctx.request.body).reason);
  });
  router.get('/api/staff/community/proposals', staff, async (ctx) => {
    ctx.body = await api.proposals.staff.list(who(ctx));
  });
  router.get('/api/staff/community/proposals/:id', staff, async (ctx) => {
    ctx.body = await api.proposals.staff.one(who(ctx), id(ctx));
  });
  router.post('/api/staff/community/comments/:id/hide', staff, async (ctx) => {
    ctx.body = await api.proposals.staff.hideComment(who(ctx), id(ctx), parse(hideBody, ctx.request.body).reason);
  });
  router.post('/api/staff/community/proposals/:id/open-vote', staff, async (ctx) => {
    ctx.body = await api.proposals.staff.openVote(
      who(ctx),
      id(ctx),
      parse(openVoteBody, ctx.request.body ?? {}).options,
    );
  });
  router.post('/api/staff/community/proposals/:id/close-vote', staff, async (ctx) => {
    ctx.body = await api.proposals.staff.closeVote(who(ctx), id(ctx));
  });
  router.post('/api/staff/community/communities/:code/elections', staff, async (ctx) => {
    ctx.status = 201;
    ctx.body = await api.elections.announce(who(ctx), code(ctx), parse(electionBody, ctx.request.body));
  });
  router.put('/api/staff/community/elections/:id/candidates', staff, async (ctx) => {
    ctx.body = await api.elections.setCandidates(who(ctx), id(ctx), parse(candidatesBody, ctx.request.body).candidates);
  });
  router.put('/api/staff/community/elections/:id/results', staff, async (ctx) => {
    ctx.body = await api.elections.setResults(who(ctx), id(ctx), parse(resultsBody, ctx.request.body).results);
  });
  return router;
}

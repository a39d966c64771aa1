import { Router } from '@koa/router';
import QRCode from 'qrcode';
import { SimError } from './errors';
import { readJson, requireToken } from './http';
import type { SimulatorState, TokenRecord } from './state';

/** What WeChat accepts in a scene: 1–32 of these characters. */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const PAGE = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export interface IssuedCode {
  appid: string;
  scene: string;
  page: string;
  envVersion: string;
  at: number;
}

// Issued codes per simulator state, for tests that want to know what was printed.
const issued = new WeakMap<SimulatorState, IssuedCode[]>();
const issuedOf = (s: SimulatorState) => {
  let list = issued.get(s);
  if (!list) issued.set(s, (list = []));
  return list;
};

/**
 * `POST /wxa/getwxacodeunlimit`: a real PNG (a QR code standing in for WeChat's round code)
 * whose content names the app, page and scene, or WeChat's JSON errors: 40169 bad scene,
 * 41030 page not found (malformed; we cannot know the published pages), 40097 bad args.
 */
export function wxacodeRoutes(state: SimulatorState): Router {
  const router = new Router();

  router.post('/wxa/getwxacodeunlimit', requireToken(state, 'mini'), async (ctx) => {
    const b = await readJson(ctx);
    if (typeof b.scene !== 'string' || !SCENE.test(b.scene))
      throw new SimError(40169, 'invalid length for scene, or the data is not json string');
    const page = b.page === undefined || b.page === '' ? 'pages/index/index' : b.page;
    if (typeof page !== 'string' || page.startsWith('/') || page.includes('?') || !PAGE.test(page))
      throw new SimError(41030, 'invalid page');
    const env = b.env_version ?? 'release';
    if (!['release', 'trial', 'develop'].includes(env as string))
      throw new SimError(40097, 'invalid args: env_version');
    const width = b.width === undefined ? 430 : Number(b.width);
    if (!Number.isFinite(width) || width < 280 || width > 1280) throw new SimError(40097, 'invalid args: width');
    const rec = ctx.state.wxToken as TokenRecord;
    const content = `https://wxacode.simulator/${rec.appid}/${page}?scene=${encodeURIComponent(b.scene)}&env=${env}`;
    const png = await QRCode.toBuffer(content, {
      type: 'png',
      width: Math.round(width),
      margin: 2,
      errorCorrectionLevel: 'M',
    });
    const list = issuedOf(state);
    list.push({ appid: rec.appid, scene: b.scene, page, envVersion: env as string, at: state.now() });
    if (list.length > 1000) list.splice(0, list.length - 1000);
    ctx.type = 'image/png';
    ctx.body = png;
  });

  router.get('/dev/wxacodes', (ctx) => {
    ctx.body = { items: issuedOf(state) };
  });

  return router;
}

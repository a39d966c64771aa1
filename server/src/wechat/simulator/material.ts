/**
 * Permanent material (素材): `material/add_material?type=image`, a multipart upload of one
 * image for one account. Drafts name their cover by such a media_id (draft.ts checks it), so
 * the images live per appid beside the shared SimulatorState, as publishing's data does.
 */
import { randomBytes } from 'node:crypto';
import { Router } from '@koa/router';
import type { Context } from 'koa';
import type { AppError } from '../../platform/errors';
import { readUpload, sniffImage } from '../../platform/uploads';
import { SimError } from './errors';
import { requireToken } from './http';
import type { SimulatorState, TokenRecord } from './state';

/** WeChat's limit for a permanent image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface SimMaterial {
  media_id: string;
  appid: string;
  url: string;
  size: number;
  type: string;
  filename: string;
}

export class MaterialStore {
  /** appid → media_id → image. */
  readonly byApp = new Map<string, Map<string, SimMaterial>>();

  add(m: SimMaterial): void {
    let l = this.byApp.get(m.appid);
    if (!l) this.byApp.set(m.appid, (l = new Map()));
    l.set(m.media_id, m);
  }

  /** Whether `mediaId` is an image of this account (another account's media is no use to it). */
  has(appid: string, mediaId: unknown): boolean {
    return typeof mediaId === 'string' && !!this.byApp.get(appid)?.has(mediaId);
  }
}

const stores = new WeakMap<SimulatorState, MaterialStore>();
export function materialOf(state: SimulatorState): MaterialStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new MaterialStore()));
  return s;
}

/** The image type its first bytes say, as WeChat judges it (not by name or Content-Type). */
export function imageTypeOf(b: Buffer): string | undefined {
  return sniffImage(b, ['image/jpeg', 'image/png', 'image/gif', 'image/bmp'])?.slice('image/'.length);
}

/** The `media` file of a multipart body; 40009 past the size limit, 41005 when absent. */
async function readMedia(ctx: Context): Promise<{ bytes: Buffer; filename: string }> {
  // The simulator runs inside the server in the embedded mode: it reads uploads as the server does.
  const file = await readUpload(ctx, { maxBytes: MAX_IMAGE_BYTES, field: 'media' }).catch((err: AppError) => {
    if (err.code === 'FILE_TOO_LARGE') throw new SimError(40009, 'invalid image size');
    if (err.code === 'FILE_REQUIRED' || err.code === 'UNSUPPORTED_MEDIA_TYPE')
      throw new SimError(41005, 'media data missing');
    throw new SimError(47001);
  });
  return { bytes: file.data, filename: file.filename };
}

export function materialRoutes(state: SimulatorState): Router {
  const store = materialOf(state);
  const router = new Router();
  const mp = requireToken(state, 'mp');

  router.post('/cgi-bin/material/add_material', mp, async (ctx) => {
    if (ctx.query.type !== 'image') throw new SimError(40004, 'invalid media type');
    const { bytes, filename } = await readMedia(ctx);
    const type = imageTypeOf(bytes);
    if (!type) throw new SimError(40005, 'invalid file type');
    const appid = (ctx.state.wxToken as TokenRecord).appid;
    const media_id = randomBytes(32).toString('base64url');
    const url = `http://mmbiz.qpic.cn/sim_mmbiz_${type}/${appid}/${media_id}/0?wx_fmt=${type}`;
    store.add({ media_id, appid, url, size: bytes.length, type, filename });
    ctx.body = { media_id, url };
  });

  // Dev helper: the images an account holds.
  router.get('/dev/material', (ctx) => {
    const appid = typeof ctx.query.appid === 'string' ? ctx.query.appid : '';
    ctx.body = { items: [...(store.byApp.get(appid)?.values() ?? [])] };
  });

  return router;
}

/**
 * Permanent material (素材): `material/add_material?type=image`, a multipart upload of one
 * image for one account. Drafts name their cover by such a media_id (draft.ts checks it), so
 * the images live per appid beside the shared SimulatorState, as publishing's data does.
 */
import { randomBytes } from 'node:crypto';
import { Router } from '@koa/router';
import busboy from 'busboy';
import type { Context } from 'koa';
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
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  return undefined;
}

/** The `media` file of a multipart body; 40009 past the size limit, 41005 when absent. */
function readMedia(ctx: Context): Promise<{ bytes: Buffer; filename: string }> {
  if (!ctx.is('multipart')) return Promise.reject(new SimError(41005, 'media data missing'));
  return new Promise((resolve, reject) => {
    let found: { bytes: Buffer; filename: string } | undefined;
    let failure: SimError | undefined;
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: ctx.req.headers, limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
    } catch {
      reject(new SimError(47001));
      return;
    }
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure = new SimError(40009, 'invalid image size');
      });
      stream.on('end', () => {
        if (name === 'media') found = { bytes: Buffer.concat(chunks), filename: info.filename ?? '' };
      });
    });
    bb.on('error', () => reject(new SimError(47001)));
    bb.on('close', () => {
      if (failure) reject(failure);
      else if (!found || !found.bytes.length) reject(new SimError(41005, 'media data missing'));
      else resolve(found);
    });
    ctx.req.pipe(bb);
  });
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

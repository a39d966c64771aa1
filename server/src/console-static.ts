import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import serve from 'koa-static';
import { ROOT_DIR } from '../../config';

export const CONSOLE_DIR = path.join(ROOT_DIR, 'console', 'dist');
const PREFIX = '/console';

/**
 * The staff console (工作台) at /console/: hashed assets cached for a year, index.html never,
 * and every other path under /console/ answered with index.html so deep links reach the
 * console's own router (which shows 未找到 for what it does not know).
 */
export function consoleStatic(dir = CONSOLE_DIR) {
  const assets = serve(dir, { maxage: 365 * 86400 * 1000, immutable: true, index: false });
  const index = path.join(dir, 'index.html');
  return async (ctx: Koa.Context, next: Koa.Next) => {
    if (ctx.path !== PREFIX && !ctx.path.startsWith(`${PREFIX}/`)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === PREFIX) return ctx.redirect(`${PREFIX}/`);
    const file = ctx.path.slice(PREFIX.length);
    if (file.startsWith('/assets/') || /^\/[\w.-]+\.(svg|png|ico|txt)$/.test(file)) {
      const originalPath = ctx.path;
      ctx.path = file;
      try {
        await assets(ctx, async () => {});
      } finally {
        ctx.path = originalPath;
      }
      if (ctx.body !== undefined || ctx.status !== 404) return;
      // An asset that is not there is a 404, never the page: a stale page asking for an old chunk must fail visibly.
      ctx.status = 404;
      ctx.type = 'text';
      ctx.body = 'Not found';
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.type = 'html';
    if (!fs.existsSync(index)) {
      ctx.status = 503;
      ctx.body =
        '<!doctype html><meta charset="utf-8"><title>民政服务工作台</title><p>工作台尚未构建，请运行 <code>npm run build -w console</code>（<code>npm start</code> 会自动构建）。</p>';
      return;
    }
    ctx.body = fs.createReadStream(index);
  };
}

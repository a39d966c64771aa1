/**
 * Loads the COMPILED weapp (miniprogram/dist) into miniprogram-simulate, with the shims Taro's
 * output needs there: App/getApp/getCurrentPages, a Page that wraps the page config as a
 * Component (onLoad(query), onShow, onReady), jsdom's Event/CustomEvent as globals, and a `wx`
 * whose request/login/navigateTo/storage are recorded and answered by the test.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';

export const MINIPROGRAM_DIR = path.resolve(__dirname, '../../miniprogram');
export const DIST_DIR = path.join(MINIPROGRAM_DIR, 'dist');

/** Builds the weapp when miniprogram/dist is missing (about 10 s). */
export function ensureWeappBuild(): void {
  if (fs.existsSync(path.join(DIST_DIR, 'app.js')) && fs.existsSync(path.join(DIST_DIR, 'pages/index/index.wxml')))
    return;
  execFileSync('npm', ['run', 'build:weapp'], { cwd: MINIPROGRAM_DIR, stdio: 'inherit' });
}

export interface WxRequest {
  url: string;
  method?: string;
  data?: any;
  header?: Record<string, string>;
}
export interface WxResponse {
  statusCode: number;
  data: unknown;
}
/** Answers wx.request; a Promise (e.g. the real server through {@link forwardTo}) is awaited. */
export type WxAnswer = (req: WxRequest) => WxResponse | Promise<WxResponse>;

/**
 * wx.request answered by a real server (test/support/server): path and query sent to `url`.
 * wx.login's code is swapped for one the WeChat simulator minted for `openid`, so the app is
 * that citizen (log them in with loginCitizen(url, openid) to act for them through the API).
 */
export function forwardTo(url: string, openid: string): WxAnswer {
  return async (req) => {
    const target = new URL(req.url);
    let data = req.data;
    if (target.pathname === '/api/auth/login') {
      const minted = await fetch(`${url}/__wechat__/dev/login-code`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ openid }),
      });
      data = { code: ((await minted.json()) as { code: string }).code };
    }
    const method = req.method ?? 'GET';
    const header: Record<string, string> = { ...req.header };
    const res = await fetch(`${url}${target.pathname}${target.search}`, {
      method,
      headers: header,
      body: method === 'GET' || data === undefined ? undefined : JSON.stringify(data),
    });
    const body = await res.text();
    let parsed: unknown = body;
    try {
      parsed = body ? JSON.parse(body) : '';
    } catch {
      // not JSON: handed over as text, as wx.request does
    }
    return { statusCode: res.status, data: parsed };
  };
}
const sync = (res: WxResponse | Promise<WxResponse>): WxResponse => {
  if (res instanceof Promise) throw new Error('this wx API is answered synchronously in the simulator');
  return res;
};

export interface WxRecorder {
  requests: WxRequest[];
  navigateTo: string[];
  /** wx.downloadFile calls (answered by `answer` with its statusCode, a temporary file path on 200) */
  downloads: WxRequest[];
  /** files opened with wx.openDocument */
  documents: { filePath: string; fileType?: string }[];
  /** wx.uploadFile calls (answered by `answer`, the body sent back as a JSON string as WeChat does) */
  uploads: (WxRequest & { filePath: string; name: string })[];
  /** photos wx.chooseImage hands out (wxfile://tmp_photo_N.jpg), one per call */
  chosenImages: string[];
  storage: Map<string, unknown>;
  answer: WxAnswer;
}

function installDom(): void {
  if (typeof (globalThis as any).window !== 'undefined') return;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const g = globalThis as any;
  g.window = dom.window;
  g.document = dom.window.document;
  for (const key of ['Event', 'CustomEvent', 'Node', 'Element', 'HTMLElement', 'MutationObserver', 'navigator']) {
    if (!(key in g) || key === 'Event' || key === 'CustomEvent') {
      Object.defineProperty(g, key, { value: dom.window[key], configurable: true, writable: true });
    }
  }
}

type Simulate = typeof import('miniprogram-simulate');

export interface LoadedApp {
  simulate: Simulate;
  wx: WxRecorder;
  /** loads and renders a page of the compiled app, running onLoad/onShow/onReady */
  renderPage(route: string, query?: Record<string, string>): any;
}

let loaded: LoadedApp | null = null;

export function loadCompiledApp(answer: WxAnswer): LoadedApp {
  if (loaded) {
    loaded.wx.answer = answer;
    return loaded;
  }
  installDom();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate: Simulate = require('miniprogram-simulate');
  const g = globalThis as any;
  const recorder: WxRecorder = {
    requests: [],
    navigateTo: [],
    downloads: [],
    documents: [],
    uploads: [],
    chosenImages: [],
    storage: new Map(),
    answer,
  };

  const ok = (opts: any, res: any) => {
    setTimeout(() => {
      opts?.success?.(res);
      opts?.complete?.(res);
    }, 0);
  };
  Object.assign(g.wx, {
    request(opts: any) {
      recorder.requests.push({ url: opts.url, method: opts.method, data: opts.data, header: opts.header });
      const answered = recorder.answer(opts);
      if (answered instanceof Promise)
        answered.then(
          (res) => ok(opts, { ...res, header: {}, errMsg: 'request:ok' }),
          () => ok({ success: opts?.fail, complete: opts?.complete }, { errMsg: 'request:fail' }),
        );
      else ok(opts, { ...answered, header: {}, errMsg: 'request:ok' });
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    downloadFile(opts: any) {
      recorder.downloads.push({ url: opts.url, header: opts.header });
      const { statusCode } = sync(recorder.answer(opts));
      const tempFilePath = `wxfile://tmp_${recorder.downloads.length}.pdf`;
      ok(opts, { statusCode, tempFilePath, errMsg: 'downloadFile:ok' });
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
    },
    chooseImage(opts: any) {
      const tempFilePath = `wxfile://tmp_photo_${recorder.chosenImages.length + 1}.jpg`;
      recorder.chosenImages.push(tempFilePath);
      ok(opts, {
        tempFilePaths: [tempFilePath],
        tempFiles: [{ path: tempFilePath, size: 2048 }],
        errMsg: 'chooseImage:ok',
      });
    },
    uploadFile(opts: any) {
      const req = { url: opts.url, method: 'POST', header: opts.header, filePath: opts.filePath, name: opts.name };
      recorder.uploads.push(req);
      const { statusCode, data } = sync(recorder.answer(req));
      ok(opts, { statusCode, data: JSON.stringify(data), errMsg: 'uploadFile:ok' });
      return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {} };
    },
    openDocument(opts: any) {
      recorder.documents.push({ filePath: opts.filePath, fileType: opts.fileType });
      ok(opts, { errMsg: 'openDocument:ok' });
    },
    login(opts: any) {
      ok(opts, { code: 'simulate-code', errMsg: 'login:ok' });
    },
    navigateTo(opts: any) {
      recorder.navigateTo.push(opts.url);
      ok(opts, { errMsg: 'navigateTo:ok' });
    },
    switchTab(opts: any) {
      ok(opts, { errMsg: 'switchTab:ok' });
    },
    showToast(opts: any) {
      ok(opts, { errMsg: 'showToast:ok' });
    },
    getStorageSync(key: string) {
      return recorder.storage.has(key) ? recorder.storage.get(key) : '';
    },
    setStorageSync(key: string, value: unknown) {
      recorder.storage.set(key, value);
    },
    removeStorageSync(key: string) {
      recorder.storage.delete(key);
    },
  });

  // App / getApp / getCurrentPages / Page, as the WeChat runtime provides them
  let app: any = null;
  const pages: any[] = [];
  g.App = (config: any) => {
    app = config;
    config.onLaunch?.call(config, { path: 'pages/index/index', query: {}, scene: 1001 });
    config.onShow?.call(config, { path: 'pages/index/index', query: {}, scene: 1001 });
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;
  let pendingQuery: Record<string, string> = {};
  let pendingRoute = '';
  g.Page = (config: any) => {
    const methods: Record<string, unknown> = {};
    const data = config.data;
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === 'function') methods[key] = value;
    }
    g.Component({
      data,
      methods,
      lifetimes: {
        attached(this: any) {
          this.route = this.__route__ = pendingRoute;
          pages.push(this);
          this.onLoad?.(pendingQuery);
          this.onShow?.();
        },
        ready(this: any) {
          this.onReady?.();
        },
        detached(this: any) {
          this.onUnload?.();
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  // the app's own code: runtime, vendors, common, then app.js calls App()
  require(path.join(DIST_DIR, 'app.js'));

  const pageIds = new Map<string, string>();
  loaded = {
    simulate,
    wx: recorder,
    renderPage(route: string, query: Record<string, string> = {}) {
      pendingRoute = route;
      pendingQuery = query;
      // Taro's webpack runtime runs a page's module once per process, so a second load of the
      // same page (another story's file) registers nothing: render the page registered first.
      let id = pageIds.get(route);
      if (!id) {
        id = simulate.load(path.join(DIST_DIR, route), { compiler: 'official', rootPath: DIST_DIR }) as string;
        pageIds.set(route, id);
      }
      const page = simulate.render(id);
      const parent = document.createElement('parent-wrapper');
      page.attach(parent);
      return page;
    },
  };
  return loaded;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` until it gives a value (a non-empty one, for a list). The default wait is generous: a passing story never waits
 * it out, and a CI machine under load renders a page in seconds, not milliseconds (stories with
 * 3–5 s waits failed there, while passing alone).
 */
export async function waitFor<T>(check: () => T | undefined | false, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    // An empty list is "not yet" (an array is truthy even when nothing has rendered).
    if (value && !(Array.isArray(value) && value.length === 0)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A rendered node's text, trimmed. */
export const text = (node: any): string => node.dom.textContent.trim();

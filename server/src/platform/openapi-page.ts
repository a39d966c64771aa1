import type { OpenApiDocument } from './openapi';

/**
 * `/api/docs`: the OpenAPI document as one readable page, rendered on the server. No script
 * and nothing from another origin (it works offline and under the CSP of every response:
 * its one inline style is allowed by `style-src 'unsafe-inline'`); each operation opens with
 * <details>.
 */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Json = Record<string, unknown>;

const METHOD_COLOURS: Record<string, string> = {
  get: '#1677ff',
  post: '#389e0d',
  put: '#d46b08',
  patch: '#08979c',
  delete: '#cf1322',
};

const STYLE = `
body{margin:0;font:14px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f1f1f;background:#f5f5f5}
header{background:#fff;border-bottom:1px solid #e5e5e5;padding:16px 32px}
header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#595959;max-width:960px}
.layout{display:flex;align-items:flex-start}
nav{position:sticky;top:0;width:220px;flex:none;padding:16px;max-height:100vh;overflow:auto;box-sizing:border-box}
nav a{display:block;padding:4px 8px;color:#1f1f1f;text-decoration:none;border-radius:4px}
nav a:hover{background:#e6f4ff}
main{flex:1;padding:16px 32px 64px;min-width:0}
section{margin-bottom:32px}
section h2{font-size:18px;margin:8px 0}
section>p{color:#595959;margin:0 0 8px}
details{background:#fff;border:1px solid #e5e5e5;border-radius:6px;margin:6px 0}
summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.method{display:inline-block;min-width:56px;text-align:center;color:#fff;border-radius:4px;font:600 12px/22px monospace;text-transform:uppercase}
.path{font-family:monospace;font-size:14px}
.auth{font-size:12px;color:#8c8c8c;border:1px solid #d9d9d9;border-radius:10px;padding:0 8px}
.body{padding:4px 16px 12px;border-top:1px solid #f0f0f0}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{text-align:left;border-bottom:1px solid #f0f0f0;padding:4px 8px;vertical-align:top}
th{color:#595959;font-weight:500}
pre{background:#fafafa;border:1px solid #f0f0f0;border-radius:4px;padding:8px;overflow:auto;font-size:12px;max-height:420px}
h4{margin:12px 0 4px;font-size:13px}
code{font-family:monospace}
`;

function schemaText(schema: unknown): string {
  return escapeHtml(JSON.stringify(schema, null, 2));
}

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  const parts = [schema.type ?? (schema.enum ? 'enum' : schema.anyOf ? 'anyOf' : '')].filter(Boolean).map(String);
  if (schema.enum) parts.push((schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | '));
  if (schema.pattern) parts.push(`/${schema.pattern}/`);
  if (schema.format) parts.push(String(schema.format));
  if (schema.default !== undefined) parts.push(`默认 ${JSON.stringify(schema.default)}`);
  return parts.join(' · ');
}

function operationHtml(method: string, path: string, op: Json): string {
  const security = (op.security as Json[] | undefined)?.[0];
  const auth = security ? ('staffSession' in security ? '工作人员' : '群众登录') : '公开';
  const params = (op.parameters ?? []) as Json[];
  const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: unknown }> | undefined;
  const responses = op.responses as Record<string, Json>;
  const rows = params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(String(p.name))}</code></td><td>${p.in === 'path' ? '路径' : '查询'}</td><td>${
          p.required ? '必填' : '可选'
        }</td><td><code>${escapeHtml(typeOf(p.schema as Json))}</code></td></tr>`,
    )
    .join('');
  const responseRows = Object.entries(responses)
    .map(([status, r]) => {
      const description = '$ref' in r ? '错误：{"error": {"code", "message", "fields"?}}' : String(r.description ?? '');
      const types = '$ref' in r ? 'application/json' : Object.keys((r.content as Json | undefined) ?? {}).join(', ');
      return `<tr><td><code>${escapeHtml(status)}</code></td><td>${escapeHtml(description)}</td><td><code>${escapeHtml(types)}</code></td></tr>`;
    })
    .join('');
  return `<details id="${escapeHtml(String(op.operationId))}"><summary><span class="method" style="background:${
    METHOD_COLOURS[method] ?? '#595959'
  }">${escapeHtml(method)}</span><span class="path">${escapeHtml(path)}</span><span>${escapeHtml(
    String(op.summary ?? ''),
  )}</span><span class="auth">${auth}</span></summary><div class="body">${
    op.description ? `<p>${escapeHtml(String(op.description))}</p>` : ''
  }${rows ? `<h4>参数</h4><table><tr><th>名称</th><th>位置</th><th></th><th>类型</th></tr>${rows}</table>` : ''}${
    body
      ? Object.entries(body)
          .map(
            ([type, { schema }]) => `<h4>请求体 <code>${escapeHtml(type)}</code></h4><pre>${schemaText(schema)}</pre>`,
          )
          .join('')
      : ''
  }<h4>响应</h4><table><tr><th>状态</th><th>说明</th><th>类型</th></tr>${responseRows}</table></div></details>`;
}

export function apiDocsPage(document: OpenApiDocument): string {
  const byTag = new Map<string, string[]>(document.tags.map((t) => [t.name, []]));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags as string[])[0];
      byTag.get(tag)?.push(operationHtml(method, path, op));
    }
  }
  const anchor = (i: number) => `tag-${i}`;
  const nav = document.tags.map((t, i) => `<a href="#${anchor(i)}">${escapeHtml(t.name)}</a>`).join('');
  const sections = document.tags
    .map(
      (t, i) =>
        `<section id="${anchor(i)}"><h2>${escapeHtml(t.name)}</h2><p>${escapeHtml(t.description)}</p>${(
          byTag.get(t.name) ?? []
        ).join('')}</section>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    document.info.title,
  )}</title><style>${STYLE}</style></head><body><header><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(
    document.info.version,
  )}</small></h1><p>${escapeHtml(document.info.description)}</p><p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI ${escapeHtml(
    document.openapi,
  )}）</p></header><div class="layout"><nav>${nav}</nav><main>${sections}</main></div></body></html>`;
}

import { z } from 'zod';
import type { StaffRole } from './context';

/**
 * The OpenAPI 3.1 document of the HTTP API, built from the zod schemas the routes parse their
 * input with. Each module lists its routes in `api-docs.ts` (exported from its root) with the
 * very schema objects its routes.ts hands to `parse()`; the app assembly gathers the lists,
 * and `test/platform/openapi.test.ts` fails when a registered `/api/` route is not listed.
 */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiOperation {
  method: HttpMethod;
  /** As the router writes it: `/api/halls/:id`. */
  path: string;
  /** One line, in Chinese, as staff and citizens would name it. */
  summary: string;
  /** Who may call it: anyone (default), a signed-in citizen, or staff (with one of these roles; admin always). */
  auth?: 'citizen' | 'staff';
  roles?: StaffRole[];
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body, or a multipart upload with one file field. */
  body?: z.ZodType | { multipart: string };
  /** The success status (200 unless said). */
  status?: 200 | 201 | 204;
  /** What a success carries, if not JSON. */
  produces?: 'xlsx' | 'csv' | 'png' | 'image' | 'event-stream' | 'xlsx-or-csv' | 'html' | 'pdf';
}

/** One module's routes under one tag. */
export interface ApiDocs {
  tag: string;
  description: string;
  operations: ApiOperation[];
}

type Json = Record<string, unknown>;

const MEDIA: Record<NonNullable<ApiOperation['produces']>, string[]> = {
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  csv: ['text/csv'],
  'xlsx-or-csv': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  png: ['image/png'],
  image: ['image/jpeg', 'image/png', 'image/webp'],
  html: ['text/html'],
  pdf: ['application/pdf'],
  'event-stream': ['text/event-stream'],
};

/** The JSON Schema of what a client sends (zod's input side: defaults optional, coercions as sent). */
export function inputSchema(schema: z.ZodType): Json {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Json;
  return json;
}

/** `/api/halls/:id` → `/api/halls/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query', path: string): Json[] {
  const names = where === 'path' ? [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]) : [];
  const json = schema ? inputSchema(schema) : { properties: {} };
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  const listed = where === 'path' ? names : Object.keys(properties);
  return listed.map((name) => {
    const { description, ...property } = properties[name] ?? { type: 'string' };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: property,
    };
  });
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'A stable code, e.g. VALIDATION_FAILED, NOT_FOUND' },
        message: { type: 'string', description: 'What went wrong, in Chinese, for the person using the page' },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: 'Per field, what is wrong with it (at most 20)',
        },
      },
    },
  },
};

function operationObject(op: ApiOperation, tag: string): Json {
  const parametersList = [...parameters(op.params, 'path', op.path), ...parameters(op.query, 'query', op.path)];
  const status = String(op.status ?? 200);
  const success: Json =
    op.status === 204
      ? { description: '完成（无内容）' }
      : {
          description: '成功',
          content: Object.fromEntries(
            (op.produces ? MEDIA[op.produces] : ['application/json']).map((type) => [
              type,
              type === 'application/json'
                ? { schema: { type: 'object' } }
                : { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        };
  const errors: Json = {
    '400': { $ref: '#/components/responses/Problem' },
    ...(op.auth ? { '401': { $ref: '#/components/responses/Problem' } } : {}),
    ...(op.auth === 'staff' ? { '403': { $ref: '#/components/responses/Problem' } } : {}),
    '404': { $ref: '#/components/responses/Problem' },
  };
  const roleNote = op.auth === 'staff' && op.roles?.length ? `（角色：${op.roles.join('、')}；admin 均可）` : '';
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [tag],
    summary: op.summary,
    ...(roleNote ? { description: roleNote } : {}),
    ...(op.auth ? { security: [{ [op.auth === 'citizen' ? 'citizenSession' : 'staffSession']: [] }] } : {}),
    ...(parametersList.length ? { parameters: parametersList } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content:
              'multipart' in op.body
                ? {
                    'multipart/form-data': {
                      schema: {
                        type: 'object',
                        required: [op.body.multipart],
                        properties: { [op.body.multipart]: { type: 'string', format: 'binary' } },
                      },
                    },
                  }
                : { 'application/json': { schema: inputSchema(op.body as z.ZodType) } },
          },
        }
      : {}),
    responses: { [status]: success, ...errors },
  };
}

/** The whole document; paths in the order the modules list them. */
export function openApiDocument(docs: ApiDocs[], info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, Json>> = {};
  for (const { tag, operations } of docs) {
    for (const op of operations) {
      const path = openApiPath(op.path);
      paths[path] ??= {};
      if (paths[path][op.method]) throw new Error(`${op.method.toUpperCase()} ${op.path} is documented twice`);
      paths[path][op.method] = operationObject(op, tag);
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    tags: docs.map(({ tag, description }) => ({ name: tag, description })),
    paths,
    components: {
      securitySchemes: {
        citizenSession: {
          type: 'http',
          scheme: 'bearer',
          description: '群众会话：POST /api/auth/login 返回的 token',
        },
        staffSession: {
          type: 'http',
          scheme: 'bearer',
          description: '工作人员会话：POST /api/staff/login 返回的 token',
        },
      },
      schemas: { Problem: ERROR_SCHEMA },
      responses: {
        Problem: {
          description: '请求未完成：错误码与中文说明',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/**
 * The one error type. Everything a client sees when something goes wrong is an AppError
 * shaped by the error middleware as {"error": {"code", "message", "fields"?}}.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, fields?: Record<string, string>) =>
  new AppError(400, code, message, fields);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '您没有权限进行此操作') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message = '未找到相关信息') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooManyRequests = (message = '操作过于频繁，请稍后再试') =>
  new AppError(429, 'TOO_MANY_REQUESTS', message);
export const unavailable = (code: string, message: string) => new AppError(503, code, message);

/**
 * A dependency every request needs (the cache, the database) does not answer: a fast 503 the
 * client may retry, instead of a request that hangs and ends in a 500. Carries the cause for the log.
 */
export const serviceUnavailable = (cause?: unknown) =>
  Object.assign(new AppError(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'), { cause });

import Busboy from 'busboy';
import type { Context } from 'koa';
import { AppError, badRequest } from '../errors';

export interface UploadedFile {
  filename: string;
  /** What the client said it is: never trusted, see sniff(). */
  declaredType: string;
  data: Buffer;
}

/** What reading an upload needs of a request (any Koa context, the simulator's too). */
export type UploadRequest = Pick<Context, 'is' | 'get' | 'req'>;

export interface UploadLimits {
  /** The file's size limit; the whole body may exceed it only by the multipart framing. */
  maxBytes: number;
  /** The form field holding the file (wx.uploadFile's `name`). */
  field?: string;
}

// Framing, a few small fields and their headers: what a multipart body may carry beyond its file.
const FRAMING_ALLOWANCE = 64 * 1024;

export const malformedMultipart = () => badRequest('MALFORMED_MULTIPART', '上传的数据格式不正确，请重新上传');
export const fileTooLarge = (maxBytes: number) =>
  new AppError(413, 'FILE_TOO_LARGE', `文件不能超过${formatSize(maxBytes)}`);

/**
 * Reads the one file of a multipart/form-data request (as wx.uploadFile sends it) into
 * memory. Everything a hostile or broken client can do ends as a 4xx of this request and
 * nothing else: a body that ends without its closing boundary, a client that hangs up, too
 * many parts, a file past the limit. Every stream involved — the request, the parser and each
 * file stream — has its 'error' handled here, because an unhandled one ends the process.
 */
export function readUpload(ctx: UploadRequest, { maxBytes, field = 'file' }: UploadLimits): Promise<UploadedFile> {
  if (!ctx.is('multipart'))
    return Promise.reject(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传文件'));
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > maxBytes + FRAMING_ALLOWANCE) return Promise.reject(fileTooLarge(maxBytes));

  const req = ctx.req;
  return new Promise<UploadedFile>((resolve, reject) => {
    let settled = false;
    let parser: Busboy.Busboy;
    const done = (err: AppError | null, file?: UploadedFile) => {
      if (settled) return;
      settled = true;
      req.off('error', onRequestError);
      req.off('close', onRequestClose);
      if (err) {
        // Stop parsing; whatever the client still sends is read and dropped by Node once we answer.
        req.unpipe(parser);
        parser.removeAllListeners('file');
        parser.on('error', () => {}); // a destroyed parser may still report the cut
        parser.destroy();
        req.resume();
        reject(err);
      } else resolve(file!);
    };
    const onRequestError = () => done(malformedMultipart());
    // The client went away before the body was complete: nothing will ever end the parser.
    const onRequestClose = () => {
      if (!req.complete) done(malformedMultipart());
    };

    try {
      parser = Busboy({
        headers: req.headers,
        // Browsers and WeChat send a file's name as raw UTF-8 (filename="收支.pdf"); busboy's default
        // reads it as latin1, and a Chinese name came back garbled.
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
      });
    } catch {
      reject(malformedMultipart()); // no or a bad boundary
      return;
    }

    let file: UploadedFile | undefined;
    let refusal: AppError | undefined;
    parser.on('file', (name, stream, info) => {
      stream.on('error', () => done(malformedMultipart()));
      if (name !== field || file || refusal) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
      });
      stream.on('limit', () => {
        refusal = fileTooLarge(maxBytes);
        chunks.length = 0;
      });
      stream.on('end', () => {
        if (refusal) return;
        file = { filename: info.filename ?? '', declaredType: info.mimeType ?? '', data: Buffer.concat(chunks, size) };
      });
    });
    const tooMany = () => {
      refusal ??= new AppError(413, 'TOO_MANY_PARTS', '上传的内容过多，每次只能上传一个文件');
    };
    parser.on('partsLimit', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('error', () => done(malformedMultipart()));
    parser.on('close', () => {
      if (refusal) done(refusal);
      else if (!file || file.data.length === 0) done(badRequest('FILE_REQUIRED', '请选择要上传的文件'));
      else done(null, file);
    });
    req.on('error', onRequestError);
    req.on('close', onRequestClose);
    req.pipe(parser);
  });
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10}MB`;
  return `${Math.round(bytes / 1024)}KB`;
}

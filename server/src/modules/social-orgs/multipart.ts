import Busboy from 'busboy';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';

export interface UploadedFile {
  filename: string;
  declaredType: string;
  data: Buffer;
}

/**
 * Reads the one file of a multipart/form-data request (as wx.uploadFile sends it) into
 * memory, refusing more than maxBytes while it streams in.
 */
export function readSingleFile(ctx: AppContext, maxBytes: number, field = 'file'): Promise<UploadedFile> {
  if (!ctx.is('multipart'))
    return Promise.reject(new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 方式上传文件'));
  return new Promise((resolve, reject) => {
    let bb: Busboy.Busboy;
    try {
      bb = Busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10, parts: 12 } });
    } catch {
      reject(badRequest('MALFORMED_MULTIPART', '上传的数据格式不正确'));
      return;
    }
    let file: UploadedFile | undefined;
    let failed: AppError | undefined;
    bb.on('file', (name, stream, info) => {
      if (name !== field || file) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failed = new AppError(413, 'FILE_TOO_LARGE', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
      });
      stream.on('end', () => {
        file = { filename: info.filename ?? '', declaredType: info.mimeType ?? '', data: Buffer.concat(chunks) };
      });
    });
    bb.on('error', () => reject(badRequest('MALFORMED_MULTIPART', '上传的数据格式不正确')));
    bb.on('close', () => {
      if (failed) reject(failed);
      else if (!file || file.data.length === 0) reject(badRequest('FILE_REQUIRED', '请选择要上传的文件'));
      else resolve(file);
    });
    ctx.req.pipe(bb);
  });
}

/** What the bytes are, whatever the name or the declared type says. */
export function sniffImage(data: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

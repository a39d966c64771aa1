import sharp from 'sharp';
import type { AppContext } from '../context';
import { AppError, badRequest } from '../errors';
import { readUpload, type UploadRequest } from './multipart';
import { type ImageType, sniffImage } from './sniff';

// libvips' operation cache keeps decoded images around for reuse we never make.
sharp.cache(false);

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png', 'image/webp'];
const FORMAT_OF: Record<PhotoType, 'jpeg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const LABEL_OF: Record<PhotoType, string> = { 'image/jpeg': 'JPG', 'image/png': 'PNG', 'image/webp': 'WEBP' };

export interface ImageOptions {
  maxBytes: number;
  /** Types accepted (JPEG, PNG, WEBP by default). */
  accept?: readonly PhotoType[];
  /** The longest side kept, in pixels: larger photos are scaled down. */
  maxEdge?: number;
  /** A decoded image larger than this many pixels is refused before it is decoded (decompression bombs). */
  maxPixels?: number;
  field?: string;
}

export interface VerifiedImage {
  mime: PhotoType;
  data: Buffer;
  width: number;
  height: number;
}

const unsupportedImage = (accept: readonly PhotoType[]) =>
  badRequest('UNSUPPORTED_IMAGE', `仅支持 ${accept.map((t) => LABEL_OF[t]).join('、')} 格式的图片`);

/**
 * An uploaded image, decoded and encoded anew: what is stored and served is pixels we wrote,
 * never the client's bytes — a PNG signature followed by HTML does not decode, trailing data
 * after a real image is dropped, and EXIF (location, device) and every other metadata block
 * are gone. The orientation EXIF asked for is applied to the pixels first.
 */
export async function readImage(ctx: UploadRequest, options: ImageOptions): Promise<VerifiedImage> {
  const file = await readUpload(ctx, { maxBytes: options.maxBytes, field: options.field });
  return reencodeImage(file.data, options);
}

/** The same verification for bytes already in hand. */
export async function reencodeImage(
  data: Buffer,
  { accept = PHOTO_TYPES, maxEdge = 2560, maxPixels = 50_000_000 }: Omit<ImageOptions, 'maxBytes' | 'field'> = {},
): Promise<VerifiedImage> {
  const mime = sniffImage(data, accept);
  if (!mime) throw unsupportedImage(accept);
  const format = FORMAT_OF[mime];
  try {
    const source = sharp(data, { failOn: 'error', limitInputPixels: maxPixels, animated: false });
    const meta = await source.metadata();
    if (meta.format !== format) throw unsupportedImage(accept);
    const encoded = source
      .rotate() // bake the EXIF orientation into the pixels before the EXIF goes
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true });
    const output =
      format === 'jpeg'
        ? encoded.jpeg({ quality: 85 })
        : format === 'png'
          ? encoded.png({ compressionLevel: 8 })
          : encoded.webp({ quality: 85 });
    const { data: bytes, info } = await output.toBuffer({ resolveWithObject: true });
    return { mime, data: bytes, width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (/pixel limit/i.test(String((err as Error)?.message)))
      throw new AppError(413, 'IMAGE_TOO_LARGE', '图片尺寸过大，请缩小后再上传');
    throw badRequest('UNSUPPORTED_IMAGE', '图片已损坏或不是有效的图片，请重新选择');
  }
}

const SERVABLE: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/bmp'];

/**
 * Sends stored image bytes so that no browser reads them as anything else: a Content-Type
 * from a fixed list (the stored one only when it is on it and the bytes agree), nosniff, and a
 * policy that runs nothing should the bytes be opened as a document.
 */
export function sendImage(ctx: AppContext, image: { mime: string; data: Buffer }) {
  const type = sniffImage(image.data, SERVABLE);
  ctx.type = type && type === image.mime ? type : 'application/octet-stream';
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.set('Content-Disposition', 'inline');
  ctx.body = image.data;
}

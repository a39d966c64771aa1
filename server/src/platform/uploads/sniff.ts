/** Image types the server accepts in one place or another, as their bytes say. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/bmp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What a file's first bytes say it is, whatever its name or declared type claims. A first
 * look only: an image is verified by decoding it (images.ts), a table by reading it.
 */
export function sniff(data: Buffer): ImageType | 'zip' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (data.length >= 6 && /^GIF8[79]a$/.test(data.toString('latin1', 0, 6))) return 'image/gif';
  if (data.length >= 2 && data[0] === 0x42 && data[1] === 0x4d) return 'image/bmp';
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return 'zip'; // XLSX is a zip
  return null;
}

/** The image type of the bytes, when it is one of `accepted`. */
export function sniffImage<T extends ImageType>(data: Buffer, accepted: readonly T[]): T | null {
  const type = sniff(data);
  return type && (accepted as readonly string[]).includes(type) ? (type as T) : null;
}

import { createHmac } from 'node:crypto';

/**
 * The scene of a hall's mini-program code. WeChat allows 32 characters of a small alphabet;
 * ours is `h1.<hall>.<code>.<tag>` — format version 1, base-36 ids and a 6-character HMAC, so
 * a scene made by anyone else (another deployment, a forger, a typo) is refused before any
 * lookup. A new format gets a new version letter and both are read during the changeover.
 */
export const SCENE_VERSION = 'h1';
const PATTERN = /^h1\.([0-9a-z]{1,8})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{6})$/;

export interface SceneKey {
  secret: Buffer;
}

const tagOf = (key: SceneKey, body: string) =>
  createHmac('sha256', key.secret).update(body).digest('base64url').slice(0, 6);

export function encodeScene(key: SceneKey, hallId: number, entryId: number): string {
  const body = `${SCENE_VERSION}.${hallId.toString(36)}.${entryId.toString(36)}`;
  const scene = `${body}.${tagOf(key, body)}`;
  if (scene.length > 32) throw new Error('scene longer than 32 characters');
  return scene;
}

/** Null for anything we did not make; the ids otherwise (still to be looked up). */
export function decodeScene(key: SceneKey, raw: string): { hallId: number; entryId: number } | null {
  let scene = raw;
  // The page receives it URL-encoded; tolerate one level of encoding from any client.
  try {
    scene = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const m = PATTERN.exec(scene);
  if (!m) return null;
  const body = `${SCENE_VERSION}.${m[1]}.${m[2]}`;
  if (tagOf(key, body) !== m[3]) return null;
  return { hallId: parseInt(m[1], 36), entryId: parseInt(m[2], 36) };
}

/**
 * XML from outside is hostile. Before any parser sees a byte we refuse anything that could
 * make it expand or fetch: DTDs, entity or element declarations, processing instructions
 * (other than the XML declaration), and anything over the size cap. What remains is WeChat's
 * flat `<xml><Field>…</Field></xml>`, parsed with every value kept as a string (int64 ids!).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export const MAX_PUSH_BYTES = 64 * 1024;

export class HostileXmlError extends Error {}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true, // the five predefined ones and numeric references only: no DTD can reach it
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: false as unknown as string,
});

/** `<xml>` as parsed: text fields are strings, nested elements objects, repeated ones arrays. */
export interface WechatXml {
  [field: string]: string | WechatXml | Array<string | WechatXml>;
}

/** Refuses hostile input without parsing it; returns the whole `<xml>` element. */
export function parseWechatXmlTree(text: string): WechatXml {
  if (Buffer.byteLength(text, 'utf8') > MAX_PUSH_BYTES) throw new HostileXmlError('too large');
  // `<!` is allowed only as CDATA; `<?` only as the leading XML declaration.
  const withoutCdata = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (withoutCdata.includes('<!')) throw new HostileXmlError('declarations are not allowed');
  const pis = withoutCdata.match(/<\?/g)?.length ?? 0;
  if (pis > 1 || (pis === 1 && !/^\s*<\?xml\s[^?]*\?>/.test(withoutCdata)))
    throw new HostileXmlError('processing instructions are not allowed');
  // Named entities other than XML's five would need a DTD; refuse rather than guess.
  if (/&(?!(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(withoutCdata))
    throw new HostileXmlError('unknown entity');
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch {
    throw new HostileXmlError('malformed');
  }
  const root = (doc as { xml?: unknown })?.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new HostileXmlError('no <xml> root');
  return root as WechatXml;
}

/** The flat text fields of `<xml>` (every value a string: int64 ids stay exact). */
export function textFields(tree: WechatXml): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) if (typeof v === 'string') fields[k] = v;
  return fields;
}

/** Refuses hostile input without parsing it; returns the flat string fields of `<xml>`. */
export const parseWechatXml = (text: string): Record<string, string> => textFields(parseWechatXmlTree(text));

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false });

/** `<xml>` with each string value in CDATA (numbers bare), as WeChat writes and expects it. */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const xml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) xml[k] = typeof v === 'number' ? v : { __cdata: v };
  return builder.build({ xml }) as string;
}

import { inflateSync } from 'node:zlib';
import { fileTypeFromBuffer } from 'file-type';
import { badInput, DomainError, ErrorCode } from '@doudi/shared';

/**
 * The content check of an uploaded material (issue 19: type and size limits, a virus-safe content check): the type is
 * decided by the bytes, never by the name or a declared type; only PDF, JPEG and PNG are kept; a PDF that could act
 * when opened (scripts, launch actions, embedded files, rich media, XFA forms) is refused.
 */

export const DOCUMENT_MAX_UPLOAD_BYTES_VARIABLE = 'DOCUMENT_MAX_UPLOAD_BYTES';
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function maxUploadBytes(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env[DOCUMENT_MAX_UPLOAD_BYTES_VARIABLE]);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_UPLOAD_BYTES;
}

export const ALLOWED_TYPES = {
  'application/pdf': '.pdf',
  'image/jpeg': '.jpg',
  'image/png': '.png',
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

const FIELD = 'input.contentBase64';

/** Strict base64 (RFC 4648, padding optional, no whitespace but line breaks): anything else is BAD_USER_INPUT. */
export function decodeBase64(value: string, maxBytes: number): Buffer {
  const text = value.replace(/\r?\n/g, '');
  if (!text.length) throw badInput(FIELD, 'The file is empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1)
    throw badInput(FIELD, 'contentBase64 is not base64');
  if (Math.floor((text.length * 3) / 4) > maxBytes + 2) throw tooLarge(maxBytes);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

const tooLarge = (maxBytes: number) =>
  new DomainError(ErrorCode.LIMIT_EXCEEDED, `A material is at most ${Math.floor(maxBytes / 1024 / 1024)} MB`, {
    field: FIELD,
    maxBytes,
  });

/** PDF names that make a document act when opened; `#xx` escapes in names are decoded before looking. */
const ACTIVE =
  /\/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|AA|SubmitForm|ImportData|GoToR|GoToE)(?![A-Za-z0-9])/;
/** An /OpenAction is refused when it runs a script or launches something (a plain "open at page 1" is kept). */
const OPEN_ACTION_ACTIVE = /\/OpenAction[\s\S]{0,400}?\/S\s*\/(JavaScript|Launch|GoToR|GoToE|SubmitForm|ImportData)/;

const decodeNames = (text: string) =>
  text.replace(/\/[^\s/<>[\]()%]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%]*/g, (name) =>
    name.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );

/**
 * The file's dictionaries: its text with every stream's bytes left out (a scan's image data would match by chance),
 * and the object streams (/ObjStm) inflated, since they hide dictionaries — within a total budget against bombs.
 */
function dictionaries(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const outside: string[] = [];
  const inflated: string[] = [];
  let budget = 64 * 1024 * 1024;
  const pattern = /stream\r?\n/g;
  let from = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    outside.push(text.slice(from, match.index));
    const head = text.slice(Math.max(from, match.index - 400), match.index);
    const dictionary = head.slice(head.lastIndexOf('obj') + 1);
    if (/\/ObjStm/.test(dictionary) && budget > 0) {
      try {
        const data = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.min(budget, 16 * 1024 * 1024) });
        budget -= data.length;
        inflated.push(data.toString('latin1'));
      } catch {
        // Not Flate, or too large: refused below as unreadable rather than let through unseen.
        inflated.push('/ObjStm-unreadable');
      }
    }
    from = end;
    pattern.lastIndex = end;
  }
  outside.push(text.slice(from));
  return [outside.join('\n'), ...inflated];
}

/** What in a PDF would act when opened; null when nothing does. */
export function activeContentOf(bytes: Buffer): string | null {
  for (const part of dictionaries(bytes)) {
    if (part === '/ObjStm-unreadable') return 'an object stream that cannot be read';
    const text = decodeNames(part);
    const active = ACTIVE.exec(text);
    if (active) return `/${active[1]}`;
    const open = OPEN_ACTION_ACTIVE.exec(text);
    if (open) return `/OpenAction /${open[1]}`;
  }
  return null;
}

function magicMatches(type: AllowedType, bytes: Buffer): boolean {
  if (type === 'image/png')
    return (
      bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) &&
      bytes.subarray(12, 16).toString('latin1') === 'IHDR'
    );
  if (type === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return bytes.subarray(0, 1024).toString('latin1').includes('%PDF-');
}

/**
 * The type of an upload as its bytes say (file-type's signatures, then the magic number checked again here), with
 * BAD_USER_INPUT naming what was found when it is not PDF, JPEG or PNG, or when a PDF holds active content.
 */
export async function checkUpload(bytes: Buffer): Promise<AllowedType> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime as string | undefined;
  if (!mime || !(mime in ALLOWED_TYPES)) {
    throw badInput(FIELD, `Only PDF, JPEG and PNG files are kept; this file is ${mime ?? 'of no known type'}`, {
      detectedType: mime ?? null,
    });
  }
  const type = mime as AllowedType;
  if (!magicMatches(type, bytes)) throw badInput(FIELD, `The file does not begin as a ${type} file does`);
  if (type === 'application/pdf') {
    const active = activeContentOf(bytes);
    if (active) {
      throw badInput(FIELD, `The PDF holds active content (${active}); print it to a plain PDF or scan it`, {
        activeContent: active,
      });
    }
  }
  return type;
}

/**
 * A file name safe to store and to put in a download header: the last path segment, without control characters or
 * characters file systems refuse, at most 120 characters, ending with the extension of the type found.
 */
export function sanitiseFileName(raw: string | null | undefined, type: AllowedType): string {
  const last =
    String(raw ?? '')
      .split(/[/\\]/)
      .pop() ?? '';
  let name = last
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*;]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  name = name.replace(/^\.+/, '').replace(/\.+$/, '');
  const ext = ALLOWED_TYPES[type];
  name = name.replace(/\.(pdf|jpe?g|png|[a-z0-9]{1,5})$/i, '');
  if (!name) name = '材料';
  return `${[...name].slice(0, 120).join('')}${ext}`;
}

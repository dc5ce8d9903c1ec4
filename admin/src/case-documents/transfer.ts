import { print } from '@0no-co/graphql.web';
import { currentSession, hasExpired, reauthenticate } from '../auth/session';
import { ApiError, type GraphQLErrorBody } from '../data/api-error';
import { describeError, fieldMessage } from '../data/describe-error';
import type { ResultOf, VariablesOf } from '../graphql/graphql';
import { ATTACH_MATERIAL } from './documents';

/**
 * The gateway's route that accepts a large body for the import mutations alone (attachCaseMaterial is one,
 * docs/documents.md, Uploads): /graphql takes at most 1 MB, and a scan in base64 is a third larger than the file.
 */
export const IMPORT_URL = '/graphql/import';

/** The token to send now: an expired one asks for the password first (the same dialog as every request). */
async function bearer(): Promise<string | null> {
  const session = currentSession();
  if (session && hasExpired(session)) await reauthenticate();
  return currentSession()?.accessToken ?? null;
}

const networkError = () =>
  new ApiError([{ message: 'network', extensions: { code: 'NETWORK' } }], fieldMessage, describeError);

/** The file's bytes as base64, in chunks (a spread of a whole scan would overflow the call stack). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Attaches a material through the import route; the answer is the stored document, or an ApiError in words. */
export async function attachMaterial(
  input: VariablesOf<typeof ATTACH_MATERIAL>['input'],
): Promise<ResultOf<typeof ATTACH_MATERIAL>['attachCaseMaterial']['document']> {
  const token = await bearer();
  let response: Response;
  try {
    response = await fetch(IMPORT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(ATTACH_MATERIAL as never), variables: { input } }),
    });
  } catch {
    throw networkError();
  }
  const answer = (await response.json().catch(() => ({
    errors: [
      {
        message: response.statusText,
        extensions: { code: response.status === 413 ? 'LIMIT_EXCEEDED' : 'INTERNAL_SERVER_ERROR' },
      },
    ],
  }))) as { data?: ResultOf<typeof ATTACH_MATERIAL>; errors?: GraphQLErrorBody[] };
  if (answer.errors?.length) throw new ApiError(answer.errors, fieldMessage, describeError);
  if (!answer.data) throw networkError();
  return answer.data.attachCaseMaterial.document;
}

/**
 * Downloads a document: its route needs the same Authorization header as /graphql, so a plain link cannot fetch
 * it — the bytes are fetched here and saved as a Blob under the document's file name. Answers the bytes too.
 */
export async function downloadDocument(document: { downloadUrl: string; fileName: string }): Promise<number> {
  const token = await bearer();
  const response = await fetch(document.downloadUrl, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    cache: 'no-store',
  });
  if (!response.ok) return response.status;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = Object.assign(window.document.createElement('a'), { href: url, download: document.fileName });
  window.document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download by now; the URL is not needed again.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return response.status;
}

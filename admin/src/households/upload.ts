import { print } from '@0no-co/graphql.web';
import { currentSession, hasExpired, reauthenticate } from '../auth/session';
import { ApiError, type GraphQLErrorBody } from '../data/api-error';
import { describeError, fieldMessage } from '../data/describe-error';
import type { ResultOf } from '../graphql/graphql';
import { IMPORT_HOUSEHOLDS } from './documents';

/** The gateway's one route that takes a large body and runs nothing but importHouseholds (README, households). */
export const IMPORT_URL = '/graphql/import';

export type ImportReport = ResultOf<typeof IMPORT_HOUSEHOLDS>['importHouseholds'];

/** The file's bytes as base64, in chunks (a spread of a whole village list would overflow the call stack). */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const formatOf = (file: File) => (/\.xlsx$/i.test(file.name) ? 'XLSX' : 'CSV');

/**
 * Sends a village list to the import route with XMLHttpRequest, whose upload events give the progress that fetch
 * does not; the answer is the API's ImportReport, or an ApiError in the console's words.
 */
export async function uploadHouseholds(
  input: { fileName: string; format: 'CSV' | 'XLSX'; contentBase64: string; dryRun: boolean; idempotencyKey: string },
  onProgress: (fraction: number) => void,
): Promise<ImportReport> {
  let session = currentSession();
  if (session && hasExpired(session)) {
    await reauthenticate();
    session = currentSession();
  }
  const body = JSON.stringify({ query: print(IMPORT_HOUSEHOLDS as never), variables: { input } });
  const answer = await new Promise<{ data?: ResultOf<typeof IMPORT_HOUSEHOLDS>; errors?: GraphQLErrorBody[] }>(
    (resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', IMPORT_URL);
      xhr.setRequestHeader('content-type', 'application/json');
      if (session) xhr.setRequestHeader('authorization', `Bearer ${session.accessToken}`);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          resolve({ errors: [{ message: xhr.statusText, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        }
      };
      xhr.onerror = () =>
        reject(new ApiError([{ message: 'network', extensions: { code: 'NETWORK' } }], fieldMessage, describeError));
      xhr.send(body);
    },
  );
  onProgress(1);
  if (answer.errors?.length) throw new ApiError(answer.errors, fieldMessage, describeError);
  return answer.data!.importHouseholds;
}

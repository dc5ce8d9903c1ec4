import type { AuthProvider } from 'react-admin';
import { execute } from '../data/client';
import { ApiError } from '../data/api-error';
import type { ResultOf } from '../graphql/graphql';
import { ME, SIGN_IN, SIGN_OUT } from './documents';
import { clearSession, currentSession, saveSession } from './session';
import { accessOf, type Action } from './access';

export type Viewer = ResultOf<typeof ME>['me'];

let viewer: { token: string; me: Promise<Viewer> } | null = null;

/** `me` once per token: the roles and permissions that decide menus and buttons. */
export function currentViewer(): Promise<Viewer> {
  const token = currentSession()?.accessToken;
  if (!token) return Promise.reject(new Error('not signed in'));
  if (viewer?.token !== token) {
    const me = execute(ME, {}).then((data) => data.me);
    viewer = { token, me };
    me.catch(() => (viewer = null));
  }
  return viewer.me;
}

export async function signIn(username: string, password: string) {
  const { signIn } = await execute(SIGN_IN, { input: { username, password } }, { anonymous: true });
  saveSession({ accessToken: signIn.accessToken, expiresAt: signIn.expiresAt, username });
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      await signIn(username, password);
    } catch (error) {
      // react-admin shows this message under the form (a wrong password, or throttling in words).
      throw new Error(error instanceof ApiError ? error.message : String(error), { cause: error });
    }
    await currentViewer();
  },
  async logout() {
    if (currentSession()) await execute(SIGN_OUT, {}).catch(() => undefined);
    clearSession();
    viewer = null;
  },
  async checkAuth() {
    if (!currentSession()) throw new Error('not signed in');
  },
  async checkError(error: unknown) {
    // 401 reaches here only when the person gave up signing in again (data/client.ts); 403 is explained
    // where it happened and keeps the session.
    if ((error as { status?: number })?.status === 401) {
      clearSession();
      viewer = null;
      throw new Error('signed out');
    }
  },
  async getIdentity() {
    const me = await currentViewer();
    const session = currentSession();
    return {
      id: me.id ?? session?.username ?? '',
      fullName: `${session?.username ?? ''} · ${me.organisation?.name ?? ''}`,
    };
  },
  getPermissions: () => currentViewer(),
  async canAccess({ resource, action }: { resource: string; action: string }) {
    const me = await currentViewer();
    const needed = accessOf(resource, action as Action);
    return needed === null || (me.permissions as readonly string[]).includes(needed);
  },
};

/**
 * The signed-in session: the access token the gateway checks, kept in sessionStorage (one tab's sign-in,
 * gone when the tab closes). Tokens live 15 minutes (ACCESS_TOKEN_TTL_SECONDS) and cannot be refreshed, so
 * when one expires the console asks for the password again in a dialog over the page (SessionDialog) and
 * retries the request — whatever the person was typing stays where it was.
 */
export interface Session {
  accessToken: string;
  expiresAt: string;
  username: string;
}

const KEY = 'doudi.session';

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export const saveSession = (session: Session) => sessionStorage.setItem(KEY, JSON.stringify(session));
export const clearSession = () => sessionStorage.removeItem(KEY);

/** Expired, or about to be within the few seconds a request takes. */
export const hasExpired = (session: Session, now = Date.now()) => Date.parse(session.expiresAt) - 5_000 <= now;

type Listener = (open: boolean) => void;
const listeners = new Set<Listener>();
let pending: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | null = null;

/** The dialog registers here while the console's layout is shown. */
export function onReauthentication(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Waits until the person has signed in again. Every request that meets the expired token waits on the same
 * dialog. With no dialog mounted (the sign-in page) it fails at once.
 */
export function reauthenticate(): Promise<void> {
  if (!listeners.size) return Promise.reject(new Error('no sign-in dialog'));
  if (!pending) {
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    pending = { promise, resolve, reject };
    for (const listener of listeners) listener(true);
  }
  return pending.promise;
}

/** The dialog's outcome: signed in again (requests retry), or given up (requests fail, the app signs out). */
export function settleReauthentication(error?: Error) {
  const settled = pending;
  pending = null;
  for (const listener of listeners) listener(false);
  if (!settled) return;
  if (error) settled.reject(error);
  else settled.resolve();
}

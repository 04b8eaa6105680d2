/** A signed-in session as `signUp`, `logIn` and `refreshToken` return it, kept in localStorage. */
export interface Session {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  user: { id: string; username: string; displayName: string; role: string };
}

const KEY = 'marquee.session';

export function loadSession(): Session | null {
  try {
    const stored = window.localStorage.getItem(KEY);
    if (stored === null) return null;
    const session = JSON.parse(stored) as Session;
    return Date.parse(session.refreshExpiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session === null) window.localStorage.removeItem(KEY);
  else window.localStorage.setItem(KEY, JSON.stringify(session));
}

/** Refresh this long before the access token expires, so no request carries an expired one. */
export const REFRESH_MARGIN_MS = 60_000;

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Provider } from 'urql';
import { graphql, readFragment, type FragmentType } from './__generated__/index.ts';
import { createApiClient } from './client.ts';
import { loadSession, REFRESH_MARGIN_MS, saveSession, type Session } from './session.ts';

const SessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    token
    expiresAt
    refreshToken
    refreshExpiresAt
    user {
      id
      username
      displayName
      role
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($username: String!, $password: String!, $displayName: String) {
    signUp(username: $username, password: $password, displayName: $displayName) {
      ...SessionFields
    }
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($username: String!, $password: String!) {
    logIn(username: $username, password: $password) {
      ...SessionFields
    }
  }
`);

const RefreshMutation = graphql(`
  mutation Refresh($token: String!) {
    refreshToken(token: $token) {
      ...SessionFields
    }
  }
`);

const LogOutMutation = graphql(`
  mutation LogOut($refreshToken: String) {
    logOut(refreshToken: $refreshToken)
  }
`);

export { SessionFields };

/** The session a sign-up, log-in or refresh answered. */
export const toSession = (payload: FragmentType<typeof SessionFields>): Session =>
  readFragment(SessionFields, payload);

interface Auth {
  session: Session | null;
  signIn: (session: Session) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth>({
  session: null,
  signIn: () => undefined,
  signOut: () => Promise.resolve(),
});

export const useAuth = () => useContext(AuthContext);

/**
 * Holds the session and the API client that carries it. The access token is refreshed a minute
 * before it expires (refresh tokens are single use, so the new pair replaces the old at once); a
 * refresh that fails signs the user out. Signing in or out builds a new client, so no cached
 * answer of one user is shown to the next.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession);
  const tokenRef = useRef<string | undefined>(session?.token);
  tokenRef.current = session?.token;
  const userId = session?.user.id;
  const api = useMemo(
    () => createApiClient(() => tokenRef.current),
    // A new client per signed-in user, not per refreshed token.
    [userId],
  );
  useEffect(() => api.dispose, [api]);

  const update = useCallback((next: Session | null) => {
    saveSession(next);
    tokenRef.current = next?.token;
    setSession(next);
  }, []);

  useEffect(() => {
    if (session === null) return;
    const due = Date.parse(session.expiresAt) - REFRESH_MARGIN_MS - Date.now();
    const timer = setTimeout(
      () => {
        void api.client
          .mutation(RefreshMutation, { token: session.refreshToken })
          .toPromise()
          .then((result) => {
            const refreshed = result.data?.refreshToken;
            update(refreshed === undefined ? null : toSession(refreshed));
          });
      },
      Math.max(0, due),
    );
    return () => clearTimeout(timer);
  }, [session, api, update]);

  const auth = useMemo<Auth>(
    () => ({
      session,
      signIn: update,
      signOut: async () => {
        if (session !== null) {
          await api.client
            .mutation(LogOutMutation, { refreshToken: session.refreshToken })
            .toPromise();
        }
        update(null);
      },
    }),
    [session, api, update],
  );
  return (
    <AuthContext.Provider value={auth}>
      <Provider value={api.client}>{children}</Provider>
    </AuthContext.Provider>
  );
}

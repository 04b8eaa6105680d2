import { useId, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useMutation } from 'urql';
import { LogInMutation, SignUpMutation, toSession, useAuth } from '../auth.tsx';

/** Log in, or sign up (`mode="signup"`): one form, two mutations. */
export function LoginPage({ mode }: { mode: 'login' | 'signup' }) {
  const ids = useId();
  const { signIn } = useAuth();
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [problem, setProblem] = useState('');
  const [logInState, logIn] = useMutation(LogInMutation);
  const [signUpState, signUp] = useMutation(SignUpMutation);
  const busy = logInState.fetching || signUpState.fetching;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem('');
    const result =
      mode === 'login'
        ? await logIn({ username, password })
        : await signUp({ username, password, ...(displayName === '' ? {} : { displayName }) });
    const payload =
      result.data === undefined
        ? undefined
        : 'logIn' in result.data
          ? result.data.logIn
          : result.data.signUp;
    if (result.error || payload === undefined) {
      setProblem(
        result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'Something went wrong.',
      );
      return;
    }
    signIn(toSession(payload));
    navigate('/for-you');
  };
  return (
    <section className="narrow-page">
      <h1>{mode === 'login' ? 'Log in' : 'Sign up'}</h1>
      <form onSubmit={(event) => void submit(event)} className="stack">
        <div className="field">
          <label htmlFor={`${ids}-user`}>Username</label>
          <input
            id={`${ids}-user`}
            autoComplete="username"
            required
            minLength={3}
            maxLength={32}
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        {mode === 'signup' ? (
          <div className="field">
            <label htmlFor={`${ids}-name`}>Display name (optional)</label>
            <input
              id={`${ids}-name`}
              autoComplete="nickname"
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${ids}-password`}>Password</label>
          <input
            id={`${ids}-password`}
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={8}
            maxLength={128}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-describedby={mode === 'signup' ? `${ids}-hint` : undefined}
          />
          {mode === 'signup' ? (
            <p id={`${ids}-hint`} className="muted">
              8 to 128 characters.
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy}>
          {mode === 'login' ? 'Log in' : 'Create account'}
        </button>
        <p role="alert" className="error">
          {problem}
        </p>
      </form>
      <p>
        {mode === 'login' ? (
          <>
            New here? <Link href="/signup">Sign up</Link>
          </>
        ) : (
          <>
            Have an account? <Link href="/login">Log in</Link>
          </>
        )}
      </p>
    </section>
  );
}

import { Link, Route, Switch, useLocation } from 'wouter';
import { useAuth } from './auth.tsx';
import { AccountPage } from './pages/Account.tsx';
import { AdminPage } from './pages/Admin.tsx';
import { ForYouPage } from './pages/ForYou.tsx';
import { Home } from './pages/Home.tsx';
import { ListsPage } from './pages/Lists.tsx';
import { LoginPage } from './pages/Login.tsx';
import { MoviePage } from './pages/Movie.tsx';
import { PersonPage } from './pages/Person.tsx';
import { TrendsPage } from './pages/Trends.tsx';

function NavLink({ href, children }: { href: string; children: string }) {
  const [location] = useLocation();
  return (
    <Link href={href} aria-current={location === href ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function App() {
  const { session, signOut } = useAuth();
  const [, navigate] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href="/" className="brand">
          Marquee
        </Link>
        <nav aria-label="Main">
          <NavLink href="/">Browse</NavLink>
          <NavLink href="/for-you">For you</NavLink>
          <NavLink href="/trends">Trends</NavLink>
          {session === null ? null : <NavLink href="/lists">Watchlist &amp; lists</NavLink>}
          {session === null ? null : <NavLink href="/account">Your year</NavLink>}
          {session?.user.role === 'ADMIN' ? <NavLink href="/admin">Admin</NavLink> : null}
        </nav>
        <div className="account">
          {session === null ? (
            <>
              <NavLink href="/login">Log in</NavLink>
              <NavLink href="/signup">Sign up</NavLink>
            </>
          ) : (
            <>
              <span className="muted">Signed in as {session.user.displayName}</span>
              <button type="button" onClick={() => void signOut().then(() => navigate('/'))}>
                Log out
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/">
            <Home />
          </Route>
          <Route path="/movies/:id">{(params) => <MoviePage id={params.id} />}</Route>
          <Route path="/people/:id">{(params) => <PersonPage id={params.id} />}</Route>
          <Route path="/login">
            <LoginPage mode="login" />
          </Route>
          <Route path="/signup">
            <LoginPage mode="signup" />
          </Route>
          <Route path="/for-you">
            <ForYouPage />
          </Route>
          <Route path="/lists">
            <ListsPage />
          </Route>
          <Route path="/trends">
            <TrendsPage />
          </Route>
          <Route path="/account">
            <AccountPage />
          </Route>
          <Route path="/admin">
            <AdminPage />
          </Route>
          <Route>
            <h1>Page not found</h1>
          </Route>
        </Switch>
      </main>
    </>
  );
}

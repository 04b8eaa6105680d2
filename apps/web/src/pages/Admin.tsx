import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import { useAuth } from '../auth.tsx';
import { healthUrl } from '../config.ts';

const AdminQuery = graphql(`
  query Admin {
    me {
      id
      role
    }
    movies(first: 1) {
      totalCount
    }
    genres {
      name
      movieCount
    }
  }
`);

interface Health {
  status: string;
  subgraphs?: Record<string, { status?: string; latencyMs?: number; circuit?: string }>;
  dependencies?: Record<string, { status?: string; latencyMs?: number }>;
  subscriptions?: { connections: number; active: number };
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** What an operator can see today: the router's /health report and the catalogue's size. */
export function AdminPage() {
  const { session } = useAuth();
  const [{ data }] = useQuery({ query: AdminQuery, pause: session === null });
  const [health, setHealth] = useState<Health | null>(null);
  const [healthError, setHealthError] = useState('');
  useEffect(() => {
    const load = () =>
      fetch(healthUrl)
        .then((response) => response.json() as Promise<Health>)
        .then(setHealth, (error: unknown) => setHealthError(String(error)));
    void load();
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, []);
  if (session === null || (data?.me !== undefined && data.me?.role !== 'ADMIN'))
    return (
      <p role="alert">The admin view is for administrators (`npx marquee token --role admin`).</p>
    );
  const rows = Object.entries({ ...health?.subgraphs, ...health?.dependencies });
  return (
    <>
      <h1>Operations</h1>
      <p role="status">
        Router: <strong>{health?.status ?? (healthError || 'checking…')}</strong>
        {health?.subscriptions
          ? ` · ${count(health.subscriptions.connections, 'WebSocket connection')}, ${count(health.subscriptions.active, 'subscription')}`
          : ''}
      </p>
      <table>
        <caption>Subgraphs and stores (refreshed every 5 s)</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Latency</th>
            <th scope="col">Circuit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, entry]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{entry.status ?? '—'}</td>
              <td>{entry.latencyMs === undefined ? '—' : `${entry.latencyMs} ms`}</td>
              <td>{'circuit' in entry ? String(entry.circuit) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Catalogue: {data?.movies.totalCount ?? '…'} titles</h2>
      <table>
        <caption>Titles per genre</caption>
        <thead>
          <tr>
            <th scope="col">Genre</th>
            <th scope="col">Titles</th>
          </tr>
        </thead>
        <tbody>
          {data?.genres.map((genre) => (
            <tr key={genre.name}>
              <th scope="row">{genre.name}</th>
              <td>{genre.movieCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

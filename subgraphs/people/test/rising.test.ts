import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@marquee/db';
import { createLogger } from '@marquee/logger';
import { createMemoryEventStream, type MarqueeTopics } from '@marquee/pubsub';
import { random } from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';
import { createPeopleSubgraph } from '../src/server.ts';

// `risingPeople` against a plain computation over the same rating events, and each event counted
// once however often the stream delivers it.
let db: Database;
let subgraph: ReturnType<typeof createPeopleSubgraph>;
let stop: () => Promise<void>;
const stream = createMemoryEventStream<MarqueeTopics>();
const ROLES = ['ACTOR', 'DIRECTOR'] as const;

beforeAll(async () => {
  db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  subgraph = createPeopleSubgraph({
    db,
    logger: createLogger({ name: 'test', level: 'silent' }),
    identitySecret: 'r'.repeat(32),
    stream,
  });
  stop = await subgraph.start();
  await subgraph.server.start();
}, 60_000);
afterAll(async () => {
  await stop();
  await subgraph.server.stop();
  await db.close();
});

describe('risingPeople', () => {
  it('ranks people by the ratings their films received in the window, with the films that drove it', async () => {
    const rand = random(7);
    const people = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i}`,
      name: `Person ${i}`,
      birthYear: null,
      deathYear: null,
      professions: [],
      imdbId: null,
      knownFor: [],
    }));
    await subgraph.stores.people.upsertPeople(people);
    const credits = Array.from({ length: 40 }, (_, film) =>
      [...new Set(Array.from({ length: 3 }, () => Math.floor(rand() * 30)))].map((p, i) => ({
        id: `c${film}-${p}`,
        movieId: `m${film}`,
        personId: `p${p}`,
        role: i === 0 ? ('DIRECTOR' as const) : ('ACTOR' as const),
        characters: [],
        billingOrder: i,
      })),
    ).flat();
    await subgraph.stores.people.upsertCredits(credits);
    // Ratings over the last 40 days; some removals, which count nothing.
    const now = Date.now();
    const events = Array.from({ length: 400 }, (_, i) => ({
      eventId: randomUUID(),
      userId: `u${i % 50}`,
      movieId: `m${Math.floor(40 * rand() ** 2)}`,
      rating: rand() < 0.1 ? null : 4,
      at: new Date(now - Math.floor(rand() * 40 * 86_400_000)).toISOString(),
    }));
    for (const event of events)
      await stream.append('rating.changed', [{ id: event.eventId, payload: event }]);
    // A redelivery of the first 50.
    for (const event of events.slice(0, 50))
      await stream.append('rating.changed', [{ id: event.eventId, payload: event }]);
    await expect
      .poll(
        async () =>
          Number(
            (
              await db.sql.query<{ n: number }>(
                'SELECT count(*)::int AS n FROM people.rating_event_seen',
              )
            )[0]?.n,
          ),
        { timeout: 20_000 },
      )
      .toBe(events.filter((event) => event.rating !== null).length);

    for (const [window, days] of [
      ['DAY', 1],
      ['WEEK', 7],
      ['MONTH', 30],
    ] as const) {
      const since = new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      for (const role of ROLES) {
        // The plain computation: ratings given per film in the window, summed per credited person.
        const perFilm = new Map<string, number>();
        for (const event of events)
          if (event.rating !== null && event.at.slice(0, 10) >= since)
            perFilm.set(event.movieId, (perFilm.get(event.movieId) ?? 0) + 1);
        const perPerson = new Map<string, { total: number; films: { id: string; n: number }[] }>();
        for (const credit of credits.filter((c) => c.role === role)) {
          const n = perFilm.get(credit.movieId);
          if (n === undefined) continue;
          const entry = perPerson.get(credit.personId) ?? { total: 0, films: [] };
          entry.total += n;
          entry.films.push({ id: credit.movieId, n });
          perPerson.set(credit.personId, entry);
        }
        const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
        const expected = [...perPerson]
          .sort((a, b) => b[1].total - a[1].total || byName(a[0], b[0]))
          .slice(0, 5)
          .map(([id, entry]) => ({
            person: { id },
            ratings: entry.total,
            films: entry.films
              .sort((a, b) => b.n - a.n || byName(a.id, b.id))
              .slice(0, 3)
              .map((film) => ({ movie: { id: film.id }, ratings: film.n })),
          }));
        const result = await executeInProcess(
          subgraph,
          `{ risingPeople(window: ${window}, role: ${role}, first: 5) { person { id } ratings films { movie { id } ratings } } }`,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ risingPeople: expected });
        if (window === 'MONTH') expect(expected.length).toBeGreaterThan(0);
      }
    }
  }, 120_000);
});

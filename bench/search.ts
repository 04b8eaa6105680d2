/**
 * Catalogue search benchmark: p50/p99 of typo'd text search and of a movie-page query at 1M titles,
 * through the movies and people subgraphs in process, against baselines run in the same process.
 *
 *   npm run bench:search -- --database-url postgresql://user@host:port/postgres [--titles 1000000]
 *
 * With `--database-url` (or BENCH_DATABASE_URL) it creates a throwaway database on that server and
 * drops it afterwards; without, it uses in-memory PGlite (much slower to load; use fewer titles).
 * Results go to stdout as Markdown for docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrationsDir, openDatabase, type Database } from '@marquee/db';
import { createMemoryDocumentStore } from '@marquee/documents';
import { createLogger } from '@marquee/logger';
import { createMoviesSubgraph } from '@marquee/movies';
import { createPeopleSubgraph } from '@marquee/people';
import { executeInProcess } from '@marquee/server-kit';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    titles: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    'baseline-queries': { type: 'string', default: '15' },
  },
});
const serverUrl = args['database-url'] ?? process.env['BENCH_DATABASE_URL'];
const titleCount = Number(args.titles);
const queryCount = Number(args.queries);
const baselineCount = Number(args['baseline-queries']);
// Credits (and people) for the first fifth of the titles: enough rows to make lookups honest.
const creditedTitles = Math.min(titleCount, Math.max(1000, Math.floor(titleCount / 5)));
const peopleCount = Math.max(1000, Math.floor(creditedTitles * 1.5));

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

/** A throwaway database on the given server, or in-memory PGlite. */
async function openBenchDatabase(): Promise<{ db: Database; label: string; drop: () => Promise<void> }> {
  if (serverUrl === undefined) {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    return { db, label: 'PGlite (in memory, WebAssembly)', drop: () => Promise.resolve() };
  }
  const name = `marquee_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const [{ server_version: version }] = (await admin.query<{ server_version: string }>('SHOW server_version')).rows as [{ server_version: string }];
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 }, { migrate: true });
  return {
    db,
    label: `PostgreSQL ${version}`,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const words = `love night city man woman house dark blood star war king queen dead life world day time girl boy
  story black white red blue last first lost secret river road home heart fire ice storm dream shadow
  ghost game death money power family brother sister father mother son daughter friend enemy island
  mountain ocean sea sky moon sun summer winter spring autumn christmas wedding murder mystery journey
  return revenge rise fall kingdom empire legend hero monster machine robot alien planet space time
  silence thunder iron gold silver stone glass paper garden forest desert valley bridge tower castle
  street station train ship plane car hotel school hospital prison church kiss promise truth lie
  escape hunt chase fight dance song music dreamer stranger soldier doctor detective killer thief
  angel devil saint sinner wolf tiger dragon eagle snake horse dog cat bird rose lily orchid paris
  london tokyo berlin rome moscow chicago texas california mexico harlem brooklyn manhattan vegas`
  .split(/\s+/)
  .filter((word) => word !== '');

const genres = ['Drama', 'Comedy', 'Action', 'Thriller', 'Romance', 'Crime', 'Horror', 'Documentary', 'Adventure',
  'Sci-Fi', 'Family', 'Fantasy', 'Mystery', 'Animation', 'Biography', 'History', 'Music', 'War', 'Western', 'Sport'];

const sqlArray = (items: readonly string[]) => `ARRAY[${items.map((item) => `'${item.replaceAll("'", "''")}'`).join(',')}]::text[]`;

/** Real titles that must be findable among the generated ones (popularity ~ IMDb vote counts). */
const realTitles: [id: string, title: string, year: number, popularity: number][] = [
  ['tt0068646', 'The Godfather', 1972, 2_100_000],
  ['tt0071562', 'The Godfather Part II', 1974, 1_400_000],
  ['tt0099674', 'The Godfather Part III', 1990, 450_000],
  ['tt0353496', 'Godfather', 1991, 12_000],
  ['tt0047034', 'Godzilla', 1954, 100_000],
  ['tt0831387', 'Godzilla', 2014, 430_000],
  ['tt0099685', 'Goodfellas', 1990, 1_300_000],
  ['tt0111161', 'The Shawshank Redemption', 1994, 3_000_000],
  ['tt0468569', 'The Dark Knight', 2008, 2_900_000],
  ['tt0078748', 'Alien', 1979, 960_000],
];

/** Drops the migration's search indexes, bulk-loads with generate_series, then rebuilds them as the migration defines them. */
async function generateCatalogue(db: Database): Promise<void> {
  const migration = await readFile(join(migrationsDir, '20261124100000_catalog_search', 'migration.sql'), 'utf8');
  const indexes = [...migration.matchAll(/CREATE INDEX "(\w+)" ON "(\w+)"\."\w+"[^;]*;/g)].map((match) => ({
    name: match[1] ?? '',
    schema: match[2] ?? '',
    create: match[0],
  }));
  for (const index of indexes) await db.sql.exec(`DROP INDEX IF EXISTS "${index.schema}"."${index.name}"`);
  const n = words.length;
  const pick = `(${sqlArray(words)})[1 + floor(random() * ${n})::int]`;
  await timed(`insert ${titleCount.toLocaleString('en')} titles`, () =>
    db.sql.exec(`
      SELECT setseed(0.42);
      INSERT INTO movies.movie (id, kind, title, year, runtime_minutes, genres, imdb_id, popularity, average_rating, rating_count)
      SELECT 'tt' || lpad((10000000 + i)::text, 8, '0'),
             (ARRAY['movie','movie','movie','movie','movie','short','tvSeries','tvMovie','video','tvEpisode'])[1 + floor(random() * 10)::int],
             initcap(CASE floor(random() * 6)::int
               WHEN 0 THEN 'the ' || ${pick}
               WHEN 1 THEN ${pick} || ' ' || ${pick}
               WHEN 2 THEN 'the ' || ${pick} || ' of ' || ${pick}
               WHEN 3 THEN ${pick} || ' ' || ${pick} || ' ' || ${pick}
               WHEN 4 THEN 'a ' || ${pick} || ' in ' || ${pick}
               ELSE ${pick} || ' ' || (ARRAY['ii','iii','2','returns','forever','rising'])[1 + floor(random() * 6)::int]
             END),
             1900 + floor(random() * 125)::int,
             60 + floor(random() * 100)::int,
             ARRAY(SELECT DISTINCT (${sqlArray(genres)})[1 + floor(random() * ${genres.length})::int] FROM generate_series(1, 1 + (i % 3))),
             NULL,
             -- Long tail: most titles have a handful of votes, a few have hundreds of thousands.
             floor(power(10, power(random(), 3) * 6))::float8,
             CASE WHEN random() < 0.7 THEN round((1 + random() * 9)::numeric, 1)::real END,
             0
      FROM generate_series(1, ${titleCount - realTitles.length}) AS i;
      INSERT INTO movies.movie (id, kind, title, year, genres, imdb_id, popularity, average_rating, rating_count) VALUES
      ${realTitles.map(([id, title, year, popularity]) => `('${id}', 'movie', '${title}', ${year}, ARRAY['Drama'], '${id}', ${popularity}, 8.0, ${popularity})`).join(',\n')};
    `),
  );
  await timed(`insert ${peopleCount.toLocaleString('en')} people and credits of ${creditedTitles.toLocaleString('en')} titles`, () =>
    db.sql.exec(`
      INSERT INTO people.person (id, name, professions)
      SELECT 'nm' || lpad(i::text, 8, '0'), initcap(${pick}) || ' ' || initcap(${pick}) || 'son', ARRAY['actor']
      FROM generate_series(1, ${peopleCount}) AS i;
      INSERT INTO people.credit (id, movie_id, person_id, role, characters, billing_order)
      SELECT m.id || ':' || c, m.id, 'nm' || lpad((1 + (m.n * 7 + c * 104729) % ${peopleCount})::text, 8, '0'),
             (CASE WHEN c = 0 THEN 'DIRECTOR' WHEN c = 1 THEN 'WRITER' ELSE 'ACTOR' END)::people.credit_role,
             CASE WHEN c > 1 THEN ARRAY['Character ' || c] ELSE ARRAY[]::text[] END,
             CASE WHEN c > 1 THEN c - 1 END
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies.movie ORDER BY id LIMIT ${creditedTitles}) AS m,
           generate_series(0, 9) AS c
      ON CONFLICT DO NOTHING;
    `),
  );
  await timed('build the search indexes (as the migration defines them)', async () => {
    for (const index of indexes) await db.sql.exec(index.create);
  });
  await timed('analyze', () => db.sql.exec('ANALYZE movies.movie; ANALYZE people.person; ANALYZE people.credit'));
}

/** One typo: drop, double or swap a letter inside a word of five letters or more. */
function misspell(title: string, random: () => number): string {
  const lower = title.toLowerCase();
  const candidates = [...lower.matchAll(/[a-z]{5,}/g)];
  const word = candidates[Math.floor(random() * candidates.length)];
  if (word === undefined || word.index === undefined) return lower;
  const at = word.index + 1 + Math.floor(random() * (word[0].length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return lower.slice(0, at) + lower.slice(at + 1);
  if (kind === 1) return lower.slice(0, at) + (lower[at] ?? '') + lower.slice(at);
  return lower.slice(0, at) + (lower[at + 1] ?? '') + (lower[at] ?? '') + lower.slice(at + 2);
}

/** A small seeded generator (mulberry32) so every run asks the same questions. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentiles(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}

async function measure(samples: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times;
}

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

async function main() {
  const started = performance.now();
  const { db, label, drop } = await timed('open and migrate', openBenchDatabase);
  try {
    await generateCatalogue(db);
    const logger = createLogger({ name: 'bench', level: 'silent' });
    const movies = createMoviesSubgraph({ db, documents: createMemoryDocumentStore(), logger, identitySecret: 'b'.repeat(32) });
    const people = createPeopleSubgraph({ db, logger, identitySecret: 'b'.repeat(32) });
    await movies.server.start();
    await people.server.start();

    const random = seeded(7);
    const popular = await db.sql.query<{ title: string }>('SELECT title FROM movies.movie ORDER BY popularity DESC LIMIT 2000');
    const any = await db.sql.query<{ title: string }>(
      `SELECT title FROM movies.movie WHERE id IN (SELECT 'tt' || lpad((10000000 + 1 + floor(random() * ${titleCount - realTitles.length}))::int::text, 8, '0') FROM generate_series(1, 2000))`,
    );
    // Half the searches are for well-known titles, half for anything in the catalogue.
    const searches = Array.from({ length: queryCount }, (_, i) => {
      const pool = i % 2 === 0 ? popular : any;
      return misspell(pool[Math.floor(random() * pool.length)]?.title ?? 'godfather', random);
    });
    const searchOperation = 'query ($text: String!) { movies(first: 10, filter: { text: $text }) { edges { node { id title year } } } }';
    const search = async (text: string) => {
      const result = await executeInProcess<{ movies: { edges: { node: { title: string } }[] } }>(movies, searchOperation, { variables: { text } });
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      return result.data?.movies.edges.map((edge) => edge.node.title) ?? [];
    };

    const godfater = await search('godfater');
    log(`"godfater" → ${godfater.slice(0, 3).join(' | ')}`);
    if (godfater[0] !== 'The Godfather') throw new Error(`"godfater" listed ${godfater[0] ?? 'nothing'} first.`);

    for (const text of searches.slice(0, 20)) await search(text); // warm-up
    const searchTimes = await timed(`${queryCount} searches`, () => measure(searches.length, (i) => search(searches[i] ?? '').then(() => undefined)));

    // Baseline 1: the same ranked query with PostgreSQL's index scans turned off (what the
    // trigram and full-text indexes save). Baseline 2: a naive substring scan of the typo'd text,
    // which is not even typo-tolerant.
    const rankedSql = `SELECT id, title FROM movies.movie m
      WHERE lower(m.title) %> $1 OR to_tsvector('simple'::regconfig, m.title || ' ' || coalesce(m.original_title, '')) @@ plainto_tsquery('simple'::regconfig, $1)
      ORDER BY floor(GREATEST(word_similarity($1, lower(m.title)),
        CASE WHEN to_tsvector('simple'::regconfig, m.title || ' ' || coalesce(m.original_title, '')) @@ plainto_tsquery('simple'::regconfig, $1) THEN 0.7 ELSE 0 END) * 10) DESC,
        m.popularity DESC, m.id LIMIT 11`;
    const noIndexTimes = await timed(`${baselineCount} searches without indexes`, () =>
      measure(baselineCount, async (i) => {
        await db.sql.transaction(async (tx) => {
          await tx.exec('SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off');
          await tx.query(rankedSql, [searches[i] ?? '']);
        });
      }),
    );
    const ilikeTimes = await timed(`${baselineCount} ILIKE scans`, () =>
      measure(baselineCount, async (i) => {
        await db.sql.query(`SELECT id, title FROM movies.movie WHERE title ILIKE '%' || $1 || '%' ORDER BY popularity DESC LIMIT 11`, [searches[i] ?? '']);
      }),
    );

    // Movie page: what the router sends for
    // { movie(id) { title year genres cast(first: 10) { characters person { name } } directors { name } } }
    const pageIds = await db.sql.query<{ id: string }>(
      `SELECT movie_id AS id FROM people.credit WHERE role = 'DIRECTOR' ORDER BY md5(movie_id) LIMIT ${queryCount}`,
    );
    const moviePage = async (id: string) => {
      const movie = await executeInProcess(movies, 'query ($id: ID!) { movie(id: $id) { __typename id title year genres } }', { variables: { id } });
      const credits = await executeInProcess(
        people,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { cast(first: 10) { characters person { name } } directors { name } } } }',
        { variables: { r: [{ __typename: 'Movie', id }] } },
      );
      if (movie.errors !== undefined || credits.errors !== undefined) throw new Error(JSON.stringify([movie.errors, credits.errors]));
    };
    for (const { id } of pageIds.slice(0, 20)) await moviePage(id); // warm-up
    const pageTimes = await timed(`${pageIds.length} movie pages`, () => measure(pageIds.length, (i) => moviePage(pageIds[i]?.id ?? '')));
    // Baseline: the same page resolved one row at a time (a person lookup per credit, no DataLoader).
    const naivePageTimes = await timed(`${pageIds.length} movie pages, unbatched`, () =>
      measure(pageIds.length, async (i) => {
        const id = pageIds[i]?.id ?? '';
        await movies.stores.movies.findByIds([id]);
        const credits = await people.stores.people.creditsForMovies([id], ['ACTOR', 'DIRECTOR']);
        for (const credit of credits) await people.stores.people.findByIds([credit.personId]);
      }),
    );

    await movies.server.stop();
    await people.server.stop();

    const s = percentiles(searchTimes);
    const noIndex = percentiles(noIndexTimes);
    const ilike = percentiles(ilikeTimes);
    const page = percentiles(pageTimes);
    const naive = percentiles(naivePageTimes);
    const row = (name: string, p: { p50: number; p99: number; n: number }, ratioTo?: { p50: number }) =>
      `| ${name} | ${p.n} | ${ms(p.p50)} | ${ms(p.p99)} | ${ratioTo === undefined ? '' : `${(p.p50 / ratioTo.p50).toFixed(1)}×`} |`;
    process.stdout.write(
      [
        `Database: ${label}; ${titleCount.toLocaleString('en')} titles, ${peopleCount.toLocaleString('en')} people, ` +
          `credits for ${creditedTitles.toLocaleString('en')} titles; Node ${process.version}; total run ${((performance.now() - started) / 1000).toFixed(0)} s.`,
        `"godfater" → ${godfater.slice(0, 3).join(' · ')}`,
        '',
        '| query | samples | p50 ms | p99 ms | p50 vs the subgraph |',
        '|---|---:|---:|---:|---:|',
        row('`movies(first: 10, filter: { text })`, one typo per query (subgraph, in process)', s),
        row('baseline: same ranked SQL, index scans off', noIndex, s),
        row("baseline: `title ILIKE '%text%'` scan (no typo tolerance)", ilike, s),
        row('movie page: `movie(id)` + people `_entities` cast(first: 10) + directors', page),
        row('baseline: same page unbatched (a person query per credit)', naive, page),
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    await drop();
  }
}

await main();

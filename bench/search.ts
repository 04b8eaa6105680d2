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
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, type Database } from '@marquee/db';
import { createMemoryDocumentStore } from '@marquee/documents';
import { createLogger } from '@marquee/logger';
import { createMoviesSubgraph } from '@marquee/movies';
import { createPeopleSubgraph } from '@marquee/people';
import { fullTextQuery } from '../subgraphs/movies/src/stores/movieStore.ts';
import { random } from '@marquee/recsys';
import { executeInProcess } from '@marquee/server-kit';
import { syntheticTitles, titleVocabulary } from './titleVocabulary.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    titles: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    vocabulary: { type: 'string', default: '250000' },
    // Skips building the previous search's indexes and its ratio (saves a minute at 1M titles).
    'no-previous': { type: 'boolean', default: false },
    // Leaves the database on the server afterwards (its name is logged), to look at plans.
    keep: { type: 'boolean', default: false },
  },
});
const serverUrl = args['database-url'] ?? process.env['BENCH_DATABASE_URL'];
const titleCount = Number(args.titles);
const queryCount = Number(args.queries);
const vocabularySize = Number(args.vocabulary);
const withPrevious = !args['no-previous'];
// Credits (and people) for the first fifth of the titles: enough rows to make lookups honest.
const creditedTitles = Math.min(titleCount, Math.max(1000, Math.floor(titleCount / 5)));
const peopleCount = Math.max(1000, Math.floor(creditedTitles * 1.5));

const log = (message: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  log(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

/** A throwaway database on the given server, or in-memory PGlite. */
async function openBenchDatabase(): Promise<{
  db: Database;
  label: string;
  drop: () => Promise<void>;
}> {
  if (serverUrl === undefined) {
    const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
    return { db, label: 'PGlite (in memory, WebAssembly)', drop: () => Promise.resolve() };
  }
  const name = `marquee_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const [{ server_version: version }] = (
    await admin.query<{ server_version: string }>('SHOW server_version')
  ).rows as [{ server_version: string }];
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase(
    { kind: 'postgres', url: url.toString(), poolSize: 4 },
    { migrate: true },
  );
  return {
    db,
    label: `PostgreSQL ${version}`,
    async drop() {
      if (args.keep) {
        log(`kept database ${name}`);
        return;
      }
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

const genres = [
  'Drama',
  'Comedy',
  'Action',
  'Thriller',
  'Romance',
  'Crime',
  'Horror',
  'Documentary',
  'Adventure',
  'Sci-Fi',
  'Family',
  'Fantasy',
  'Mystery',
  'Animation',
  'Biography',
  'History',
  'Music',
  'War',
  'Western',
  'Sport',
];
const kinds = [
  'movie',
  'movie',
  'movie',
  'movie',
  'movie',
  'short',
  'tvSeries',
  'tvMovie',
  'video',
  'tvEpisode',
];

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
  ['tt1707386', 'Les Misérables', 2012, 360_000],
  ['tt15398776', 'Oppenheimer', 2023, 800_000],
];

/** The catalogue's rows as COPY text, from a seeded generator (the same catalogue on every run). */
function* catalogueRows(): Generator<string> {
  const next = random(42);
  const vocabulary = titleVocabulary(vocabularySize, 11);
  let id = 10_000_000;
  let batch = '';
  for (const title of syntheticTitles(vocabulary, titleCount - realTitles.length, 12)) {
    id += 1;
    const genreCount = 1 + (id % 3);
    const movieGenres = [
      ...new Set(
        Array.from(
          { length: genreCount },
          () => genres[Math.floor(next() * genres.length)] ?? 'Drama',
        ),
      ),
    ];
    // Long tail: most titles have a handful of votes, a few have hundreds of thousands.
    const popularity = Math.floor(10 ** (next() ** 3 * 6));
    const rating = next() < 0.7 ? (1 + Math.round(next() * 90) / 10).toFixed(1) : '\\N';
    batch += `tt${id}\t${kinds[Math.floor(next() * kinds.length)] ?? 'movie'}\t${title}\t${1900 + Math.floor(next() * 125)}\t${60 + Math.floor(next() * 100)}\t{${movieGenres.join(',')}}\t${popularity}\t${rating}\t0\n`;
    if (batch.length > 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  for (const [imdbId, title, year, popularity] of realTitles)
    batch += `${imdbId}\tmovie\t${title}\t${year}\t120\t{Drama}\t${popularity}\t8.0\t${popularity}\n`;
  yield batch;
}

/** People named from the same vocabulary. */
function* peopleRows(): Generator<string> {
  const vocabulary = titleVocabulary(vocabularySize, 13);
  const names = syntheticTitles(vocabulary, peopleCount * 2, 14);
  let batch = '';
  for (let i = 1; i <= peopleCount; i += 1) {
    batch += `nm${String(i).padStart(8, '0')}\t${names.next().value ?? 'Ann'} ${names.next().value ?? 'Lee'}son\t{actor}\n`;
    if (batch.length > 1 << 16) {
      yield batch;
      batch = '';
    }
  }
  yield batch;
}

/** The secondary indexes of the catalogue's tables, as the migrations left them. */
async function searchIndexes(db: Database): Promise<{ name: string; create: string }[]> {
  return db.sql.query<{ name: string; create: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS create
       FROM pg_index i
      WHERE i.indrelid IN ('movies.movie'::regclass, 'people.person'::regclass) AND NOT i.indisprimary AND NOT i.indisunique`,
  );
}

/**
 * The previous search, for the ratio: matched and ranked on `lower(title)` with the indexes it
 * had (migration 20261124100000_catalog_search), no accent folding.
 */
const previousIndexes = [
  `CREATE INDEX bench_previous_trgm ON movies.movie USING GIN (lower(title) gin_trgm_ops)`,
  `CREATE INDEX bench_previous_fts ON movies.movie USING GIN (to_tsvector('simple'::regconfig, title || ' ' || coalesce(original_title, '')))`,
];
const previousSql = `SELECT id, title FROM movies.movie m
  WHERE lower(m.title) %> $1 OR to_tsvector('simple'::regconfig, m.title || ' ' || coalesce(m.original_title, '')) @@ plainto_tsquery('simple'::regconfig, $1)
  ORDER BY floor(GREATEST(word_similarity($1, lower(m.title)),
    CASE WHEN to_tsvector('simple'::regconfig, m.title || ' ' || coalesce(m.original_title, '')) @@ plainto_tsquery('simple'::regconfig, $1) THEN 0.7 ELSE 0 END) * 10) DESC,
    m.popularity DESC, m.id LIMIT 11`;

/**
 * The search as it was before common words were left out of the index reads (commit c982b41): the
 * same popular-titles test, then every match of the whole text through the trigram and full-text
 * indexes, ranked. `$1` is the text, `$2` its full-text query (`fullTextQuery`, unchanged since).
 */
const earlierSql = `WITH head AS MATERIALIZED (
    SELECT m.id, m.popularity, floor(GREATEST(word_similarity(movies.search_text($1::text), m.search_title),
             CASE WHEN m.search_words @@ to_tsquery('simple'::regconfig, movies.search_text($2::text)) THEN 0.7 ELSE 0 END) * 10) AS tier
      FROM (SELECT * FROM movies.movie ORDER BY popularity DESC LIMIT 1000) m
     WHERE (word_similarity_commutator_op(m.search_title, movies.search_text($1::text))
            OR m.search_words @@ to_tsquery('simple'::regconfig, movies.search_text($2::text)))
  ), common AS MATERIALIZED (SELECT count(*) >= 3 AS yes FROM head),
  page AS (
    SELECT * FROM (
      SELECT * FROM head WHERE (SELECT yes FROM common)
      UNION ALL
      SELECT m.id, m.popularity, floor(GREATEST(word_similarity(movies.search_text($1::text), m.search_title),
               CASE WHEN m.search_words @@ to_tsquery('simple'::regconfig, movies.search_text($2::text)) THEN 0.7 ELSE 0 END) * 10) AS tier
        FROM movies.movie m
       WHERE (m.search_title %> movies.search_text($1::text)
              OR m.search_words @@ to_tsquery('simple'::regconfig, movies.search_text($2::text)))
         AND NOT (SELECT yes FROM common)
    ) found
    ORDER BY tier DESC, popularity DESC, id ASC LIMIT 11
  )
  SELECT m.id, m.title FROM page JOIN movies.movie m ON m.id = page.id
  ORDER BY page.tier DESC, page.popularity DESC, page.id ASC`;

/** Drops the catalogue's secondary indexes, COPYs the generated rows, then rebuilds them as the migrations define them. */
async function generateCatalogue(db: Database): Promise<void> {
  const indexes = await searchIndexes(db);
  for (const index of indexes) await db.sql.exec(`DROP INDEX ${index.name}`);
  await timed(
    `insert ${titleCount.toLocaleString('en')} titles (${vocabularySize.toLocaleString('en')}-word vocabulary)`,
    () =>
      db.sql.copyFrom(
        'movies.movie (id, kind, title, year, runtime_minutes, genres, popularity, average_rating, rating_count)',
        catalogueRows(),
      ),
  );
  await timed(
    `insert ${peopleCount.toLocaleString('en')} people and credits of ${creditedTitles.toLocaleString('en')} titles`,
    async () => {
      await db.sql.copyFrom('people.person (id, name, professions)', peopleRows());
      await db.sql.exec(`
      INSERT INTO people.credit (id, movie_id, person_id, role, characters, billing_order)
      SELECT m.id || ':' || c, m.id, 'nm' || lpad((1 + (m.n * 7 + c * 104729) % ${peopleCount})::text, 8, '0'),
             (CASE WHEN c = 0 THEN 'DIRECTOR' WHEN c = 1 THEN 'WRITER' ELSE 'ACTOR' END)::people.credit_role,
             CASE WHEN c > 1 THEN ARRAY['Character ' || c] ELSE ARRAY[]::text[] END,
             CASE WHEN c > 1 THEN c - 1 END
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies.movie ORDER BY id LIMIT ${creditedTitles}) AS m,
           generate_series(0, 9) AS c
      ON CONFLICT DO NOTHING;
    `);
    },
  );
  await timed(
    "build the indexes (as the migrations define them, and the previous search's)",
    async () => {
      for (const index of indexes) await db.sql.exec(index.create);
      if (withPrevious) for (const create of previousIndexes) await db.sql.exec(create);
    },
  );
  // VACUUM as autovacuum would soon after a load: it marks the pages all-visible, which index-only
  // scans need. One statement per call: VACUUM cannot run inside a multi-statement string.
  await timed('vacuum and analyze', async () => {
    for (const table of ['movies.movie', 'people.person', 'people.credit'])
      await db.sql.exec(`VACUUM ANALYZE ${table}`);
  });
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

/** What a user has typed so far: the folded title cut after 3 or more letters (search as you type). */
function typedPrefix(title: string, next: () => number): string {
  const lower = title.toLowerCase();
  const letters = [...lower.matchAll(/\p{L}/gu)].map((match) => match.index);
  if (letters.length <= 4) return lower;
  const cut = letters[3 + Math.floor(next() * (letters.length - 3))] ?? lower.length - 1;
  return lower.slice(0, cut).trimEnd();
}

function percentiles(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
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
    const movies = createMoviesSubgraph({
      db,
      documents: createMemoryDocumentStore(),
      logger,
      identitySecret: 'b'.repeat(32),
    });
    const people = createPeopleSubgraph({ db, logger, identitySecret: 'b'.repeat(32) });
    await movies.server.start();
    await people.server.start();

    const next = random(7);
    const popular = await db.sql.query<{ title: string }>(
      'SELECT title FROM movies.movie ORDER BY popularity DESC LIMIT 2000',
    );
    const any = await db.sql.query<{ title: string }>(
      `SELECT title FROM movies.movie WHERE id IN (SELECT 'tt' || (10000000 + 1 + floor(random() * ${titleCount - realTitles.length}))::int FROM generate_series(1, 2000))`,
    );
    // Half the searches are for well-known titles, half for anything in the catalogue.
    const pickTitle = (i: number) => {
      const pool = i % 2 === 0 ? popular : any;
      return pool[Math.floor(next() * pool.length)]?.title ?? 'godfather';
    };
    const typos = Array.from({ length: queryCount }, (_, i) => misspell(pickTitle(i), next));
    const prefixes = Array.from({ length: queryCount }, (_, i) => typedPrefix(pickTitle(i), next));
    const searchOperation =
      'query ($text: String!) { movies(first: 10, filter: { text: $text }) { edges { node { id title year } } } }';
    const search = async (text: string) => {
      const result = await executeInProcess<{ movies: { edges: { node: { title: string } }[] } }>(
        movies,
        searchOperation,
        { variables: { text } },
      );
      if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
      return result.data?.movies.edges.map((edge) => edge.node.title) ?? [];
    };

    const godfater = await search('godfater');
    log(`"godfater" → ${godfater.slice(0, 3).join(' | ')}`);
    if (godfater[0] !== 'The Godfather')
      throw new Error(`"godfater" listed ${godfater[0] ?? 'nothing'} first.`);
    for (const [text, title] of [
      ['miserables', 'Les Misérables'],
      ['oppenhiemer', 'Oppenheimer'],
    ] as const) {
      const found = await search(text);
      log(`"${text}" → ${found.slice(0, 3).join(' | ')}`);
      if (found[0] !== title)
        throw new Error(`"${text}" listed ${found[0] ?? 'nothing'} first, not ${title}.`);
    }

    // Each set alternates with the previous search on the same texts, so both see the same load.
    const runSet = async (label: string, texts: readonly string[]) => {
      for (const text of texts.slice(0, 20)) await search(text); // warm-up
      const now: number[] = [];
      const store: number[] = [];
      const before: number[] = [];
      const earlier: number[] = [];
      await timed(`${texts.length} ${label}`, async () => {
        for (const text of texts) {
          now.push(...(await measure(1, () => search(text).then(() => undefined))));
          // The same search at the store, without GraphQL: what compares with the previous SQL.
          store.push(
            ...(await measure(1, () =>
              movies.stores.movies
                .find({ filter: { text }, order: 'RELEVANCE', first: 10, after: undefined })
                .then(() => undefined),
            )),
          );
          // The search before this change, at the store's level: one transaction, as the store runs it.
          earlier.push(
            ...(await measure(1, () =>
              db.sql.transaction(async (tx) => {
                await tx.exec('SET LOCAL enable_seqscan = off');
                await tx.query(earlierSql, [text, fullTextQuery(text) ?? '']);
              }),
            )),
          );
          if (withPrevious)
            before.push(
              ...(await measure(1, () => db.sql.query(previousSql, [text]).then(() => undefined))),
            );
        }
      });
      const slowest = texts
        .map((text, i) => ({ text, ms: now[i] ?? 0 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5);
      log(`slowest: ${slowest.map(({ text, ms: took }) => `"${text}" ${ms(took)} ms`).join(', ')}`);
      const slowestEarlier = texts
        .map((text, i) => ({ text, ms: earlier[i] ?? 0 }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5);
      log(
        `slowest before this change: ${slowestEarlier.map(({ text, ms: took }) => `"${text}" ${ms(took)} ms`).join(', ')}`,
      );
      return { now, store, before, earlier };
    };
    const typoTimes = await runSet('one-typo searches', typos);
    const prefixTimes = await runSet('prefix searches', prefixes);

    // Movie page: what the router sends for
    // { movie(id) { title year genres cast(first: 10) { characters person { name } } directors { name } } }
    const pageIds = await db.sql.query<{ id: string }>(
      `SELECT movie_id AS id FROM people.credit WHERE role = 'DIRECTOR' ORDER BY md5(movie_id) LIMIT ${queryCount}`,
    );
    const moviePage = async (id: string) => {
      const movie = await executeInProcess(
        movies,
        'query ($id: ID!) { movie(id: $id) { __typename id title year genres } }',
        { variables: { id } },
      );
      const credits = await executeInProcess(
        people,
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Movie { cast(first: 10) { characters person { name } } directors { name } } } }',
        { variables: { r: [{ __typename: 'Movie', id }] } },
      );
      if (movie.errors !== undefined || credits.errors !== undefined)
        throw new Error(JSON.stringify([movie.errors, credits.errors]));
    };
    for (const { id } of pageIds.slice(0, 20)) await moviePage(id); // warm-up
    const pageTimes = await timed(`${pageIds.length} movie pages`, () =>
      measure(pageIds.length, (i) => moviePage(pageIds[i]?.id ?? '')),
    );
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

    const page = percentiles(pageTimes);
    const naive = percentiles(naivePageTimes);
    const row = (
      name: string,
      p: { p50: number; p99: number; n: number },
      ratioTo?: { p50: number; p99: number },
    ) =>
      `| ${name} | ${p.n} | ${ms(p.p50)} | ${ms(p.p99)} | ${ratioTo === undefined ? '' : `${(p.p50 / ratioTo.p50).toFixed(1)}× / ${(p.p99 / ratioTo.p99).toFixed(1)}×`} |`;
    const searchRows = (
      what: string,
      times: { now: number[]; store: number[]; before: number[]; earlier: number[] },
    ) => {
      const now = percentiles(times.now);
      const store = percentiles(times.store);
      return [
        row(`\`movies(first: 10, filter: { text })\`, ${what} (subgraph, in process)`, now),
        row(`the same search at the store (\`MovieStore.find\`, no GraphQL), same texts`, store),
        row(
          `search before common words were left out of index reads (c982b41's SQL), same texts`,
          percentiles(times.earlier),
          store,
        ),
        ...(withPrevious
          ? [
              row(
                `previous search SQL (\`lower(title)\`, no folding), same texts`,
                percentiles(times.before),
                store,
              ),
            ]
          : []),
      ];
    };
    process.stdout.write(
      [
        `Database: ${label}; ${titleCount.toLocaleString('en')} titles from a ${vocabularySize.toLocaleString('en')}-word vocabulary, ` +
          `${peopleCount.toLocaleString('en')} people, credits for ${creditedTitles.toLocaleString('en')} titles; Node ${process.version}; ` +
          `load average at the end ${loadavg()
            .map((load) => load.toFixed(1))
            .join(' ')}; total run ${((performance.now() - started) / 1000).toFixed(0)} s.`,
        `"godfater" → ${godfater.slice(0, 3).join(' · ')}`,
        '',
        '| query | samples | p50 ms | p99 ms | p50 / p99 ratio to the row above |',
        '|---|---:|---:|---:|---:|',
        ...searchRows('one typo per query', typoTimes),
        ...searchRows('prefixes of 3+ letters, as typed', prefixTimes),
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

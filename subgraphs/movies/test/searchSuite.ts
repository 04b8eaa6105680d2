import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@marquee/db';
import { createMemoryDocumentStore } from '@marquee/documents';
import { createLogger } from '@marquee/logger';
import { executeInProcess } from '@marquee/server-kit';
import { createMoviesSubgraph } from '../src/server.ts';
import type { MovieInput } from '../src/stores/movieStore.ts';
import { catalogue } from './catalogue.ts';

const film = (id: string, title: string, year: number, popularity: number): MovieInput => ({
  ...(catalogue[0] as MovieInput),
  id,
  title,
  originalTitle: null,
  year,
  imdbId: id,
  tmdbId: null,
  movielensId: null,
  popularity,
  averageRating: 7,
  ratingCount: popularity,
});

/**
 * Titles with accents, as the two sources store them: IMDb as released ("Les Misérables"),
 * MovieLens with a non-English article moved to the end ("Misérables, Les"; docs/ingestion.md).
 */
const searchCatalogue: MovieInput[] = [
  ...catalogue,
  film('tt1707386', 'Les Misérables', 2012, 360_000),
  film('ml73', 'Misérables, Les', 1995, 9_000),
  film('tt15398776', 'Oppenheimer', 2023, 800_000),
  film('tt0211915', 'Amélie', 2001, 790_000),
];

/**
 * Title search, run on PGlite (movies.test.ts's tier) and on PostgreSQL
 * (search.int.test.ts): accent folding, typos, swapped letters and prefixes.
 */
export function describeTitleSearch(
  open: () => Promise<{ db: Database; dispose: () => Promise<void> }>,
  { analyze = false }: { analyze?: boolean } = {},
): void {
  let subgraph: ReturnType<typeof createMoviesSubgraph>;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    dispose = opened.dispose;
    subgraph = createMoviesSubgraph({
      db: opened.db,
      documents: createMemoryDocumentStore(),
      logger: createLogger({ name: 'test', level: 'silent' }),
      identitySecret: 'test-secret-test-secret-test-secret-00',
    });
    await subgraph.stores.movies.upsertMany(searchCatalogue);
    // With statistics, search leaves the catalogue's common words out of its index reads
    // (commonWords.ts); in a catalogue this small every word it holds counts as common.
    if (analyze) await opened.db.sql.exec('ANALYZE movies.movie');
    await subgraph.server.start();
  }, 60_000);
  afterAll(async () => {
    await subgraph.server.stop();
    await dispose();
  });

  const search = async (text: string, first = 5): Promise<string[]> => {
    const result = await executeInProcess<{ movies: { edges: { node: { title: string } }[] } }>(
      subgraph,
      'query ($text: String!, $first: Int) { movies(first: $first, filter: { text: $text }) { edges { node { title } } } }',
      { variables: { text, first } },
    );
    expect(result.errors).toBeUndefined();
    return result.data?.movies.edges.map((edge) => edge.node.title) ?? [];
  };

  describe(analyze ? 'title search, with statistics' : 'title search', () => {
    it('finds titles with accents from text without them, in either way the sources store them', async () => {
      expect(await search('miserables')).toEqual(['Les Misérables', 'Misérables, Les']);
      expect(await search('les miserables')).toEqual(['Les Misérables', 'Misérables, Les']);
      expect((await search('amelie'))[0]).toBe('Amélie');
    });

    it('finds the same titles from text with accents, and plain titles from accented text', async () => {
      expect(await search('MISÉRABLES')).toEqual(['Les Misérables', 'Misérables, Les']);
      expect((await search('gödfather'))[0]).toBe('The Godfather');
    });

    it('tolerates a swapped pair of letters that trigrams alone miss', async () => {
      expect(await search('oppenhiemer')).toEqual(['Oppenheimer']);
      expect((await search('godfahter'))[0]).toBe('The Godfather');
      expect((await search('alein'))[0]).toBe('Alien');
    });

    it('still lists The Godfather first for "godfater"', async () => {
      expect((await search('godfater')).slice(0, 3)).toEqual([
        'The Godfather',
        'The Godfather Part II',
        'The Godfather Part III',
      ]);
    });

    it('finds titles from a prefix of three letters or more, as typed', async () => {
      expect((await search('opp'))[0]).toBe('Oppenheimer');
      expect((await search('godf'))[0]).toBe('The Godfather');
      expect((await search('the godf'))[0]).toBe('The Godfather');
      expect(await search('les mis')).toEqual(['Les Misérables', 'Misérables, Les']);
      expect(await search('ame')).toContain('Amélie');
    });

    it('treats search syntax in the text as plain words', async () => {
      expect(await search("godfather' & !(")).toContain('The Godfather');
      expect(await search('|:*')).toEqual([]);
    });
  });
}

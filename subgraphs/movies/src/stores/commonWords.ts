import type { SqlExecutor } from '@marquee/db';

/**
 * Words in at least this share of all titles are common ("the", "of", "la", …): a search does not
 * look them up in the indexes when the text has another word, because reading their index entries
 * costs more than a keystroke allows (a fifth of a million-title catalogue holds "the").
 */
export const COMMON_WORD_SHARE = 0.005;

/** How long the list is reused: word frequencies move slowly, and only when a bulk load lands. */
const REFRESH_MS = 10 * 60 * 1000;

/**
 * The catalogue's common words, folded as `search_words` holds them, read from the statistics
 * PostgreSQL's ANALYZE keeps for that column (the most common lexemes with the share of titles that
 * hold each); an empty set before the first ANALYZE, so small catalogues search every word.
 * Refreshed in the background after `REFRESH_MS`; a failed read keeps the last list.
 */
export function createCommonWords(sql: SqlExecutor): () => Promise<ReadonlySet<string>> {
  let words: ReadonlySet<string> = new Set();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<ReadonlySet<string>> | undefined;

  const load = async (): Promise<ReadonlySet<string>> => {
    try {
      const rows = await sql.query<{ word: string }>(
        `SELECT word FROM pg_stats s,
                unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, share)
          WHERE s.schemaname = 'movies' AND s.tablename = 'movie' AND s.attname = 'search_words'
            AND e.word IS NOT NULL AND e.share >= $1`,
        [COMMON_WORD_SHARE],
      );
      words = new Set(rows.map((row) => row.word));
    } catch {
      // Statistics are an optimisation: without them every word is searched through the indexes.
    }
    loadedAt = Date.now();
    loading = undefined;
    return words;
  };

  return () => {
    if (Date.now() - loadedAt < REFRESH_MS) return Promise.resolve(words);
    loading ??= load();
    // The first search waits for the list; later ones use the previous list while it refreshes.
    return loadedAt === Number.NEGATIVE_INFINITY ? loading : Promise.resolve(words);
  };
}

/** A word as `search_words` holds it: lower case, accents removed (close to `unaccent`). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

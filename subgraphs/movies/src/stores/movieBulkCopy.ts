import { copyInteger, copyNullableText, copyText, copyTextArray } from '@marquee/db';
import type { ImportedTitle } from './movieImport.ts';

/**
 * `movies.movie` as a bulk initial load COPYs it (into an empty table, indexes dropped): the
 * columns `upsertTitles` and `setRatings` write, kept here beside them so that a change of the
 * table changes both. A title's rating comes with it (popularity is its vote count, as
 * `setRatings` sets it), instead of an UPDATE per rating afterwards.
 */
export const movieCopy = {
  table: 'movies.movie',
  target:
    'movies.movie (id, kind, title, original_title, year, runtime_minutes, genres, imdb_id, average_rating, rating_count, popularity)',
  row: (
    t: Omit<ImportedTitle, 'line'>,
    rating: { averageRating: number; numVotes: number } | undefined,
  ): string => {
    const average = rating === undefined ? '\\N' : String(rating.averageRating);
    const votes = rating === undefined ? '0' : String(rating.numVotes);
    return `${t.id}\t${copyText(t.kind)}\t${copyText(t.title)}\t${copyNullableText(t.originalTitle)}\t${copyInteger(t.year)}\t${copyInteger(t.runtimeMinutes)}\t${copyTextArray(t.genres)}\t${t.id}\t${average}\t${votes}\t${votes}\n`;
  },
  /**
   * The title counts' trigger (prisma/migrations/20261207133000_catalogue_stats), off during a
   * bulk load and recomputed once after it (20261207190500_bulk_load_rollup_rebuilds).
   */
  triggers: [
    {
      table: 'movies.movie',
      function: 'movies.title_count_changed',
      rebuild: 'SELECT movies.title_count_rebuild()',
    },
  ],
} as const;

import { copyInteger, copyText, copyTextArray } from '@marquee/db';

/**
 * `recommendations.item_feature` as a bulk initial load COPYs it (into an empty table, indexes
 * dropped): the columns `upsertItems` and `setPopularity` write, kept here beside them so that a
 * change of the table changes both.
 */
export const itemFeatureCopy = {
  table: 'recommendations.item_feature',
  target: 'recommendations.item_feature (movie_id, title, genres, year, popularity)',
  row: (
    item: { movieId: string; title: string; genres: readonly string[]; year: number | null },
    popularity: number,
  ): string =>
    `${item.movieId}\t${copyText(item.title)}\t${copyTextArray(item.genres)}\t${copyInteger(item.year)}\t${popularity}\n`,
  /**
   * The analytics rollups' trigger (prisma/migrations/20261207160220_analytics_rollups_one_pass),
   * off during a bulk load and recomputed once after it
   * (20261207190500_bulk_load_rollup_rebuilds).
   */
  triggers: [
    {
      table: 'recommendations.item_feature',
      function: 'recommendations.analytics_item_feature_changed',
      rebuild: 'SELECT recommendations.analytics_item_feature_rebuild()',
    },
  ],
} as const;

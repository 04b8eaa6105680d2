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
} as const;

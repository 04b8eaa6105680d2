import type { TopLevelSpec } from 'vega-lite';

/**
 * The charts Marquee draws, as Vega-Lite specs built from GraphQL results. The web app and
 * `marquee report` both render these through `renderSvg`, so a chart looks the same on a page and
 * in a report.
 */

const WIDTH = 640;
const HEIGHT = 260;
const base = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: { font: 'system-ui, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 } },
} as const;

export interface GenreTrendPoint {
  genre: string;
  year: number;
  month?: number | null;
  titlesReleased?: number | null;
  ratingsGiven: number;
  averageRating?: number | null;
}

/** The `top` genres with the most of `measure` over the whole range (the rest would be noise). */
function topGenres(
  points: readonly GenreTrendPoint[],
  measure: (p: GenreTrendPoint) => number,
  top: number,
) {
  const totals = new Map<string, number>();
  for (const point of points)
    totals.set(point.genre, (totals.get(point.genre) ?? 0) + measure(point));
  return new Set(
    [...totals]
      .filter(([, total]) => total > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, top)
      .map(([genre]) => genre),
  );
}

const periodOf = (year: number, month: number | null | undefined) =>
  `${year}-${String(month ?? 1).padStart(2, '0')}-01`;

/**
 * `genreTrends` over time for the `top` genres: lines per genre by year, stacked bars per month.
 * `genreTrends` leaves out periods in which a genre had nothing; they are drawn as zero, so a line
 * never bridges a gap as if the values in between were known.
 */
export function genreTrendsSpec(
  points: readonly GenreTrendPoint[],
  measure: 'titlesReleased' | 'ratingsGiven',
  options: { top?: number; title?: string } = {},
): TopLevelSpec {
  const value = (point: GenreTrendPoint) => point[measure] ?? 0;
  const genres = topGenres(points, value, options.top ?? 8);
  const monthly = points.some((point) => point.month !== null && point.month !== undefined);
  // Every period from the first to the last in the data (January to the last month, by month).
  const periods: string[] = [];
  const years = points.map((point) => point.year);
  if (years.length > 0) {
    const first = Math.min(...years);
    const last = Math.max(...years);
    const lastMonth = Math.max(...points.filter((p) => p.year === last).map((p) => p.month ?? 1));
    for (let year = first; year <= last; year++) {
      if (!monthly) periods.push(periodOf(year, 1));
      else
        for (let month = 1; month <= (year === last ? lastMonth : 12); month++)
          periods.push(periodOf(year, month));
    }
  }
  const known = new Map(
    points.map((point) => [`${point.genre}|${periodOf(point.year, point.month)}`, value(point)]),
  );
  const values = [...genres].flatMap((genre) =>
    periods.map((period) => ({ genre, period, value: known.get(`${genre}|${period}`) ?? 0 })),
  );
  const timeUnit = monthly ? ('yearmonth' as const) : ('year' as const);
  return {
    ...base,
    title:
      options.title ??
      (measure === 'titlesReleased' ? 'Films released per genre' : 'Ratings given per genre'),
    data: { values },
    mark: monthly ? { type: 'bar', tooltip: true } : { type: 'line', point: true, tooltip: true },
    encoding: {
      x: monthly
        ? { field: 'period', type: 'ordinal', timeUnit, title: 'Month' }
        : { field: 'period', type: 'temporal', timeUnit, title: 'Year' },
      y: {
        field: 'value',
        type: 'quantitative',
        title: measure === 'titlesReleased' ? 'Films' : 'Ratings',
        ...(monthly ? { stack: 'zero' as const } : {}),
      },
      color: { field: 'genre', type: 'nominal', title: 'Genre' },
    },
  };
}

export interface CareerFilm {
  title: string;
  year: number | null;
  role: string;
}

/** A person's career: films per year, stacked by role. Films without a year are left out. */
export function careerSpec(films: readonly CareerFilm[], name: string): TopLevelSpec {
  return {
    ...base,
    height: 180,
    title: `${name}: films per year`,
    data: {
      values: films
        .filter((film) => film.year !== null)
        .map((film) => ({ year: film.year, role: film.role.toLowerCase(), title: film.title })),
    },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Year' },
      y: { aggregate: 'count', type: 'quantitative', title: 'Films' },
      color: { field: 'role', type: 'nominal', title: 'Role' },
    },
  };
}

export interface MonthPoint {
  /** `YYYY-MM`. */
  month: string;
  ratings: number;
  /** Null in a month without ratings. */
  averageRating: number | null;
}

/**
 * The twelve UTC months up to `now`'s, oldest first, each with its figures from `months` or none
 * (0 ratings): a year in films is drawn as a whole year, so one busy month does not fill the chart.
 */
export function lastTwelveMonths(months: readonly MonthPoint[], now = new Date()): MonthPoint[] {
  const byMonth = new Map(months.map((point) => [point.month, point]));
  return Array.from({ length: 12 }, (_, index) => {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + index, 1));
    const month = first.toISOString().slice(0, 7);
    return byMonth.get(month) ?? { month, ratings: 0, averageRating: null };
  });
}

/** A user's year in films: ratings per month (bars) and their average rating (line). */
export function yearInFilmsSpec(months: readonly MonthPoint[], title: string): TopLevelSpec {
  return {
    ...base,
    height: 200,
    title,
    data: { values: months.map((point) => ({ ...point, month: `${point.month}-01` })) },
    encoding: { x: { field: 'month', type: 'ordinal', timeUnit: 'yearmonth', title: 'Month' } },
    layer: [
      {
        mark: { type: 'bar', color: '#8fb3d9', tooltip: true },
        encoding: { y: { field: 'ratings', type: 'quantitative', title: 'Ratings' } },
      },
      {
        mark: { type: 'line', color: '#c0392b', point: true, tooltip: true },
        encoding: {
          y: {
            field: 'averageRating',
            type: 'quantitative',
            title: 'Average rating',
            scale: { domain: [0, 5] },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

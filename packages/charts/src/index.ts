export {
  careerSpec,
  genreTrendsSpec,
  lastTwelveMonths,
  yearInFilmsSpec,
  type CareerFilm,
  type GenreTrendPoint,
  type MonthPoint,
} from './specs.ts';
export { renderSvg } from './render.ts';

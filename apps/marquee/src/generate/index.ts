export {
  generateImdb,
  nconstOf,
  tconstOf,
  type GeneratedFile,
  type ImdbGenerateOptions,
} from './imdb.ts';
export { generateMovielens, type MovielensGenerateOptions } from './movielens.ts';

import { generateImdb, generateMovielens } from '../generate/index.ts';
import type { IngestSource } from './ingest.ts';

export interface GenerateCommandOptions {
  titles: number;
  users?: number;
  ratings?: number;
  people?: number;
  principals?: number;
  seed: number;
  gzip: boolean;
}

/** Writes synthetic source files in the public formats, for tests and benchmarks. */
export async function generateCommand(
  source: IngestSource,
  outDir: string,
  options: GenerateCommandOptions,
): Promise<void> {
  const files =
    source === 'imdb'
      ? await generateImdb(outDir, {
          titles: options.titles,
          seed: options.seed,
          gzip: options.gzip,
          ...(options.people === undefined ? {} : { people: options.people }),
          ...(options.principals === undefined ? {} : { principals: options.principals }),
        })
      : await generateMovielens(outDir, {
          titles: options.titles,
          seed: options.seed,
          ...(options.users === undefined ? {} : { users: options.users }),
          ...(options.ratings === undefined ? {} : { ratings: options.ratings }),
        });
  for (const { file, rows } of files) console.log(`${file}: ${rows.toLocaleString('en-US')} rows`);
}

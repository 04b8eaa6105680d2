import { InvalidArgumentError } from 'commander';
import { subgraphNames } from '@marquee/env';
import type { ServiceName } from '@marquee/server-kit/serve';
import { bulkModes, type BulkMode } from '../ingest/bulkMode.ts';

/**
 * Command-line argument parsers shared by the commands (and the benchmarks). Light on purpose:
 * `main.ts` loads a command's code only when it runs, so `--help` and a mistyped argument answer
 * at once.
 */

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return number;
}

export function parseBulkMode(value: string): BulkMode {
  const mode = bulkModes.find((candidate) => candidate === value);
  if (mode === undefined) throw new InvalidArgumentError(`Expected ${bulkModes.join(', ')}.`);
  return mode;
}

export type IngestSource = 'imdb' | 'movielens';

export function parseIngestSource(value: string): IngestSource {
  if (value === 'imdb' || value === 'movielens') return value;
  throw new InvalidArgumentError('Expected imdb or movielens.');
}

export type { ServiceName };
export const serviceNames: readonly ServiceName[] = [...subgraphNames, 'router'];

export function parseServiceName(value: string): ServiceName {
  if (!(serviceNames as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${serviceNames.join(', ')}`);
  }
  return value as ServiceName;
}

import { InvalidArgumentError } from 'commander';
import { bulkModes, type BulkMode } from '../ingest/index.ts';

/** Command-line argument parsers shared by the commands (and the benchmarks). */

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return number;
}

export function parseBulkMode(value: string): BulkMode {
  const mode = bulkModes.find((candidate) => candidate === value);
  if (mode === undefined) throw new InvalidArgumentError(`Expected ${bulkModes.join(', ')}.`);
  return mode;
}

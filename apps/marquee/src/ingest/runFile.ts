import { basename } from 'node:path';
import type { BulkResult } from '@marquee/db';
import { notTextReason, RowError } from './fields.ts';
import { readLineChunks } from './lines.ts';
import type { Progress } from './progress.ts';
import type { RejectsWriter } from './rejects.ts';
import { addCounts, type FileSummary, type WriteCounts } from './summary.ts';

export interface Parsed<T> {
  line: number;
  value: T;
}

/** What writing one batch did, counted per source line (not per database row). */
export interface BatchOutcome extends WriteCounts {
  rejected: { line: number; reason: string }[];
  /**
   * Parts of lines that were otherwise written (counted above) but not stored: a credit of an
   * unknown person on a title.crew line, an external id that another film already holds. Each
   * goes to the rejects file with its reason and is counted as `dropped`, not as a rejected line.
   */
  dropped?: { line: number; reason: string }[];
  also?: Record<string, WriteCounts>;
}

export interface FileJob<T> {
  path: string;
  encoding?: 'utf8' | 'latin1';
  /** The header's columns: a first line that matches is skipped (files without one are read from line 1). */
  header?: readonly string[];
  split(text: string): string[];
  /** The row's value, or a RowError naming what is wrong with it (`line`: the physical line). */
  parse(fields: string[], line: number): T;
  /** Writes a batch; absent for a read-only pass (a lookup). */
  write?(batch: Parsed<T>[]): Promise<BatchOutcome>;
  /** Read-only passes see every good row here. */
  collect?(row: Parsed<T>): void;
  batchSize?: number;
  /** Batches written at once, each on its own connection (default 2: the parser and two database workers keep two cores busy). */
  concurrency?: number;
}

export interface RunContext {
  progress: Progress;
  /** Absent on a lookup pass over a file whose rejects another pass reports. */
  rejects?: RejectsWriter;
}

/** Line-level outcome of a one-row-per-line write: a row superseded later in its batch is a reject. */
export function outcomeOf(result: BulkResult): BatchOutcome {
  return {
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: [
      ...result.rejected,
      ...result.superseded.map(({ line, by }) => ({
        line,
        reason: `duplicate key: line ${by} has the same key and is the one written`,
      })),
    ],
  };
}

export const countsOf = (result: BulkResult): WriteCounts => ({
  inserted: result.inserted,
  updated: result.updated,
  unchanged: result.unchanged,
});

/** A reject's copy of a line that is not text is cut short: it is there to find the line, not to hold binary. */
const NOT_TEXT_RAW = 200;

/**
 * Why reading stopped early: a truncated or corrupt gzip stream, an I/O error. The reader wraps
 * such errors in a UserError naming the file for a command's one-line error; the reject already
 * names the file, so its reason is the underlying error.
 */
function readFailure(thrown: unknown): string {
  const error = thrown instanceof Error && thrown.cause instanceof Error ? thrown.cause : thrown;
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return code === undefined || message.includes(code) ? message : `${code}: ${message}`;
}

/**
 * Streams one file through parse → batch → write. While batches are being written the next is
 * parsed (up to `concurrency` batches in flight), so the database and the parser work at the same
 * time, and memory holds at most `concurrency + 1` batches whatever the file's size.
 */
export async function runFile<T>(job: FileJob<T>, context: RunContext): Promise<FileSummary> {
  const file = basename(job.path);
  const startedAt = performance.now();
  const summary: FileSummary = {
    file,
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    seconds: 0,
    also: {},
  };
  const batchSize = job.batchSize ?? 10_000;
  const reader = await readLineChunks(job.path, job.encoding);
  const header = job.header?.join('\u0000');

  let dropped = 0;
  /** `line`: a rejected line; `part`: a dropped part of a written line; `rest`: the unreadable rest of the file. */
  const reject = async (
    line: number,
    reason: string,
    raw: string,
    kind: 'line' | 'part' | 'rest' = 'line',
  ) => {
    if (kind === 'line') summary.rejected += 1;
    if (kind === 'part') dropped += 1;
    await context.rejects?.write({ file, line, reason, raw });
  };

  interface Rejected {
    line: number;
    reason: string;
    raw: string;
    /** A dropped part of a written line, not a rejected line. */
    dropped?: boolean;
  }
  // Settles once the previous batch's rejects are written: each batch writes its own (the lines
  // its parse rejected and those its write rejected) in line order after it, so batches'
  // rejects follow each other in file order whichever finishes first. The one exception: a run
  // of a batch's worth of malformed lines goes out at once (below), ahead of rejects of earlier
  // lines of the batch it fell in.
  let turn: Promise<unknown> = Promise.resolve();

  /** Writes a batch (`raws` are its lines' text, in batch order) and then its rejects, in turn. */
  const flush = (batch: Parsed<T>[], raws: string[], parseRejects: Rejected[]): Promise<void> => {
    const previous = turn;
    const done = (async () => {
      let rejected = parseRejects;
      if (job.write !== undefined && batch.length > 0) {
        const outcome = await job.write(batch);
        addCounts(summary, outcome);
        for (const [store, counts] of Object.entries(outcome.also ?? {})) {
          addCounts((summary.also[store] ??= { inserted: 0, updated: 0, unchanged: 0 }), counts);
        }
        const parts = outcome.dropped ?? [];
        if (outcome.rejected.length > 0 || parts.length > 0) {
          const rawOf = new Map(batch.map(({ line }, index) => [line, raws[index] ?? '']));
          rejected = [
            ...parseRejects,
            ...outcome.rejected.map(({ line, reason }) => ({
              line,
              reason,
              raw: rawOf.get(line) ?? '',
            })),
            ...parts.map(({ line, reason }) => ({
              line,
              reason,
              raw: rawOf.get(line) ?? '',
              dropped: true,
            })),
          ];
        }
      }
      // An earlier batch's failure is reported through its own promise.
      await previous.catch(() => undefined);
      for (const entry of rejected.sort((a, b) => a.line - b.line))
        await reject(entry.line, entry.reason, entry.raw, entry.dropped === true ? 'part' : 'line');
    })();
    turn = done;
    return done;
  };

  context.progress.start(file, reader.totalBytes);
  let batch: Parsed<T>[] = [];
  let raws: string[] = [];
  let parseRejects: Rejected[] = [];
  const concurrency = job.concurrency ?? 2;
  const inFlight: Promise<void>[] = [];
  let rejectsOnly: Promise<void> = Promise.resolve();
  let line = 0;
  try {
    const lines = (async function* () {
      try {
        yield* reader.chunks;
      } catch (error) {
        // The rest of the file cannot be read (a truncated .gz, an I/O error): one reject names
        // the file and the line where reading stopped, and the run goes on with the other files.
        summary.unreadable = {
          line: line + 1,
          reason: `unreadable from line ${line + 1} on: ${readFailure(error)}`,
        };
      }
    })();
    for await (const chunk of lines) {
      for (const rawText of chunk) {
        line += 1;
        const text = line === 1 ? rawText.replace(/^\uFEFF/, '') : rawText;
        const notText = notTextReason(text);
        if (
          line === 1 &&
          header !== undefined &&
          notText === undefined &&
          isHeader(job, text, header)
        )
          continue;
        summary.read += 1;
        if (summary.read % 2000 === 0) context.progress.update(summary.read, reader.bytesRead());
        let value: T | undefined;
        try {
          if (notText !== undefined) throw new RowError(notText);
          value = job.parse(job.split(text), line);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          const raw = notText === undefined ? text : text.slice(0, NOT_TEXT_RAW);
          if (job.write === undefined) await reject(line, error.message, raw);
          else parseRejects.push({ line, reason: error.message, raw });
        }
        if (value !== undefined) {
          job.collect?.({ line, value });
          if (job.write === undefined) continue;
          batch.push({ line, value });
          raws.push(text);
        }
        if (parseRejects.length >= batchSize) {
          // A run of malformed lines is held at most a batch's worth at a time: these go out in
          // turn now, ahead of the rest of the batch they fell in.
          // At most one such set is waiting for its turn.
          await rejectsOnly;
          rejectsOnly = flush([], [], parseRejects);
          rejectsOnly.catch(() => undefined);
          parseRejects = [];
        }
        if (batch.length >= batchSize) {
          if (inFlight.length >= concurrency) await inFlight.shift();
          const writing = flush(batch, raws, parseRejects);
          // Awaited later; this only keeps a failure from being reported as unhandled meanwhile.
          writing.catch(() => undefined);
          inFlight.push(writing);
          batch = [];
          raws = [];
          parseRejects = [];
        }
      }
    }
    // The last batch waits its turn like the others: at most `concurrency` batches are ever
    // written at once, so a key repeated `concurrency` batches later is written after the first.
    if (inFlight.length >= concurrency) await inFlight.shift();
    inFlight.push(flush(batch, raws, parseRejects));
    await Promise.all([...inFlight, rejectsOnly]);
    if (summary.unreadable !== undefined)
      await reject(summary.unreadable.line, summary.unreadable.reason, '', 'rest');
  } finally {
    context.progress.update(summary.read, reader.bytesRead());
    context.progress.stop();
  }
  summary.seconds = (performance.now() - startedAt) / 1000;
  if (job.write === undefined) {
    // A lookup pass writes nothing: its good lines are neither inserted nor changed.
    summary.unchanged = summary.read - summary.rejected;
  }
  if (dropped > 0) summary.dropped = dropped;
  const rejectsFile = context.rejects?.pathOf(file);
  if (rejectsFile !== undefined) summary.rejectsFile = rejectsFile;
  return summary;
}

/** A first line that splits into the header's columns (a line the splitter refuses is data, and its reject says why). */
function isHeader<T>(job: FileJob<T>, text: string, header: string): boolean {
  try {
    return job.split(text).join('\u0000') === header;
  } catch (error) {
    if (error instanceof RowError) return false;
    throw error;
  }
}

import { Presets, SingleBar } from 'cli-progress';

/** Progress of one file at a time: rows so far and how far through the file's bytes. */
export interface Progress {
  /** `startedAt` (`performance.now()`): when the file started, if earlier than now (a file shown after it was read). */
  start(file: string, totalBytes: number, startedAt?: number): void;
  update(rows: number, bytes: number): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

function rate(rows: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? Math.round(rows / seconds) : 0;
}

/** A cli-progress bar with rows and rows/s, for a terminal. */
export function barProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | undefined;
  let startedAt = 0;
  return {
    start(file, totalBytes, since) {
      startedAt = since ?? performance.now();
      bar = new SingleBar(
        {
          format: '{file} [{bar}] {percentage}% | {rows} rows | {rate} rows/s',
          hideCursor: true,
          stream,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      bar.start(Math.max(totalBytes, 1), 0, { file, rows: 0, rate: 0 });
    },
    update(rows, bytes) {
      bar?.update(bytes, {
        rows: rows.toLocaleString('en-US'),
        rate: rate(rows, startedAt).toLocaleString('en-US'),
      });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** A log line every `intervalMs` (and one at the end of each file), for logs and CI. */
export function logProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  intervalMs = 5000,
): Progress {
  let file = '';
  let total = 0;
  let startedAt = 0;
  let lastLog = 0;
  let last = { rows: 0, bytes: 0 };
  const log = () => {
    const percent = total > 0 ? ` (${Math.min(100, Math.round((last.bytes / total) * 100))}%)` : '';
    write(
      `${file}: ${last.rows.toLocaleString('en-US')} rows${percent}, ${rate(last.rows, startedAt).toLocaleString('en-US')} rows/s`,
    );
  };
  return {
    start(name, totalBytes, since) {
      file = name;
      total = totalBytes;
      lastLog = performance.now();
      startedAt = since ?? lastLog;
      last = { rows: 0, bytes: 0 };
    },
    update(rows, bytes) {
      last = { rows, bytes };
      if (performance.now() - lastLog >= intervalMs) {
        lastLog = performance.now();
        log();
      }
    },
    stop() {
      log();
    },
  };
}

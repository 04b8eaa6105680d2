import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface SourceLine {
  /** 1-based physical line number in the file (the header is line 1). */
  line: number;
  text: string;
}

export interface LineReader {
  lines: AsyncIterable<SourceLine>;
  /** Bytes read from disk so far (compressed bytes for .gz) and the file's size: progress. */
  bytesRead(): number;
  readonly totalBytes: number;
}

/**
 * Streams a text file line by line (gunzipped when it ends in `.gz`), in constant memory: readline
 * pauses the file stream while the consumer is busy. CRLF and LF both end a line.
 */
export async function readLines(path: string, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<LineReader> {
  const { size } = await stat(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let decoded: Readable = file;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip();
    // A failing file stream must fail the gunzip stream readline is reading.
    file.on('error', (error) => gunzip.destroy(error));
    decoded = file.pipe(gunzip);
  }
  decoded.setEncoding(encoding);
  const reader = createInterface({ input: decoded, crlfDelay: Infinity });
  async function* lines(): AsyncGenerator<SourceLine> {
    let line = 0;
    try {
      for await (const text of reader) {
        line += 1;
        yield { line, text };
      }
    } finally {
      reader.close();
      file.destroy();
    }
  }
  return { lines: lines(), bytesRead: () => file.bytesRead, totalBytes: size };
}

/** The text of the given physical lines of a file (for rejects found after the file was read). */
export async function readRawLines(path: string, wanted: ReadonlySet<number>, encoding: 'utf8' | 'latin1' = 'utf8'): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  const last = Math.max(...wanted);
  const reader = await readLines(path, encoding);
  for await (const { line, text } of reader.lines) {
    if (wanted.has(line)) found.set(line, line === 1 ? text.replace(/^\uFEFF/, '') : text);
    if (line >= last) break;
  }
  return found;
}

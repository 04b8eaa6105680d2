import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileReadError } from '../errorReport.ts';

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

export interface ChunkReader {
  /** The file's lines, in order, a chunk (about 1 MiB of text) at a time, without their endings. */
  chunks: AsyncIterable<string[]>;
  bytesRead(): number;
  readonly totalBytes: number;
}

const LINE_END = /\r\n|\n|\r/;

/**
 * Streams a text file a chunk of lines at a time (gunzipped when it ends in `.gz`), in constant
 * memory: the file stream is paused while the consumer is busy with a chunk. CRLF, LF and a lone
 * CR end a line, as with `node:readline`; a last line without an ending is kept, an empty one is
 * not. One await per chunk instead of one per line: per-line async iteration costs more than
 * parsing an IMDb row.
 */
export async function readLineChunks(
  path: string,
  encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<ChunkReader> {
  const { size } = await stat(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let decoded: Readable = file;
  if (path.endsWith('.gz')) {
    const gunzip = createGunzip();
    // A failing file stream must fail the gunzip stream being read.
    file.on('error', (error) => gunzip.destroy(error));
    decoded = file.pipe(gunzip);
  }
  decoded.setEncoding(encoding);
  async function* chunks(): AsyncGenerator<string[]> {
    let carry = '';
    try {
      for await (const piece of decoded as AsyncIterable<string>) {
        let text = carry + piece;
        // A CR at the very end may be the first half of a CRLF split across pieces.
        const heldCr = text.endsWith('\r');
        if (heldCr) text = text.slice(0, -1);
        const lines = text.includes('\r') ? text.split(LINE_END) : text.split('\n');
        carry = (lines.pop() ?? '') + (heldCr ? '\r' : '');
        if (lines.length > 0) yield lines;
      }
      if (carry !== '') {
        const lines = carry.split(LINE_END);
        if (lines.at(-1) === '') lines.pop();
        if (lines.length > 0) yield lines;
      }
    } catch (error) {
      // A truncated .gz fails inside zlib, which does not know the file's name.
      throw fileReadError(path, error);
    } finally {
      file.destroy();
      if (decoded !== file) decoded.destroy();
    }
  }
  return { chunks: chunks(), bytesRead: () => file.bytesRead, totalBytes: size };
}

/**
 * Streams a text file line by line (gunzipped when it ends in `.gz`), in constant memory; see
 * `readLineChunks` for line endings.
 */
export async function readLines(
  path: string,
  encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<LineReader> {
  const reader = await readLineChunks(path, encoding);
  async function* lines(): AsyncGenerator<SourceLine> {
    let line = 0;
    for await (const chunk of reader.chunks) {
      for (const text of chunk) {
        line += 1;
        yield { line, text };
      }
    }
  }
  return { lines: lines(), bytesRead: () => reader.bytesRead(), totalBytes: reader.totalBytes };
}

/**
 * Calls `each` with the text of the given physical lines of a file, in order (for rejects found
 * after the file was read). `wanted` must be ascending; nothing but the current line is held.
 */
export async function eachRawLine(
  path: string,
  wanted: readonly number[],
  each: (line: number, text: string) => Promise<void>,
  encoding: 'utf8' | 'latin1' = 'utf8',
): Promise<void> {
  let next = 0;
  if (wanted.length === 0) return;
  const reader = await readLines(path, encoding);
  let seen = 0;
  try {
    for await (const { line, text } of reader.lines) {
      seen = line;
      while (next < wanted.length && (wanted[next] ?? Infinity) < line) next += 1;
      if (next >= wanted.length) break;
      if (wanted[next] === line) await each(line, line === 1 ? text.replace(/^\uFEFF/, '') : text);
    }
  } catch (error) {
    // The wanted lines were all read once already: a file that cannot be read to its end (a
    // truncated .gz, reported by the pass that read it) stops here after the last of them.
    if (seen < (wanted.at(-1) ?? 0)) throw error;
  }
}

const SNIFF_BYTES = 1 << 20;

/**
 * UTF-8 when the file's first MiB is valid UTF-8, else ISO-8859-1 (ml-100k and ml-1m are
 * ISO-8859-1, later MovieLens releases UTF-8). A multi-byte sequence cut at the end of the sample
 * does not count against UTF-8. Gzipped files are taken as UTF-8.
 */
export async function sniffEncoding(path: string): Promise<'utf8' | 'latin1'> {
  if (path.endsWith('.gz')) return 'utf8';
  const handle = await open(path);
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead), {
        stream: bytesRead === SNIFF_BYTES,
      });
      return 'utf8';
    } catch {
      return 'latin1';
    }
  } finally {
    await handle.close();
  }
}

import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export interface Reject {
  file: string;
  line: number;
  reason: string;
  raw: string;
}

/**
 * Writes rejected rows to `<dir>/<source file>.rejects.jsonl`, one JSON object a line
 * (`{"file","line","reason","raw"}`): JSON keeps tabs and quotes in the raw text unambiguous.
 * A file is created only when its source has a reject; earlier runs' files are replaced.
 */
export class RejectsWriter {
  private readonly streams = new Map<string, WriteStream>();
  private readonly paths = new Map<string, string>();

  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async write(reject: Reject): Promise<void> {
    let stream = this.streams.get(reject.file);
    if (stream === undefined) {
      // Synchronous on purpose: two batches may report rejects at once, and must share one stream.
      mkdirSync(this.dir, { recursive: true });
      const path = join(this.dir, `${reject.file}.rejects.jsonl`);
      stream = createWriteStream(path);
      this.streams.set(reject.file, stream);
      this.paths.set(reject.file, path);
    }
    if (!stream.write(`${JSON.stringify(reject)}\n`)) await once(stream, 'drain');
  }

  /** Where `file`'s rejects went, if it had any. */
  pathOf(file: string): string | undefined {
    return this.paths.get(file);
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.streams.values()].map(async (stream) => {
        stream.end();
        await once(stream, 'finish');
      }),
    );
  }
}

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** Buffered line output to a file (gzipped when the name ends in .gz), honouring backpressure. */
export class LineWriter {
  private buffer = '';
  private readonly out: Writable;
  private readonly file: Writable;
  lines = 0;

  constructor(path: string) {
    this.file = createWriteStream(path);
    if (path.endsWith('.gz')) {
      const gzip = createGzip({ level: 1 });
      gzip.pipe(this.file);
      this.out = gzip;
    } else {
      this.out = this.file;
    }
  }

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    this.lines += 1;
    if (this.buffer.length >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    const finished = once(this.file, 'close');
    this.out.end();
    await finished;
  }
}

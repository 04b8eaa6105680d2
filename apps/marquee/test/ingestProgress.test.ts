import { describe, expect, it } from 'vitest';
import { logProgress } from '../src/ingest/progress.ts';

describe('ingestion progress', () => {
  it('gives a file shown after it was read (loaded beside another) its rate from when it started', () => {
    const lines: string[] = [];
    const progress = logProgress((line) => lines.push(line), 60_000);
    progress.start('title.crew.tsv', 1000, performance.now() - 2000);
    progress.update(10_000, 1000);
    progress.stop();
    expect(lines).toHaveLength(1);
    const rate = Number(/, ([\d,]+) rows\/s$/.exec(lines[0] ?? '')?.[1]?.replaceAll(',', ''));
    // 10,000 rows in about 2 s, not in the instant between start and stop.
    expect(rate).toBeGreaterThan(4000);
    expect(rate).toBeLessThanOrEqual(5000);
    expect(lines[0]).toContain('title.crew.tsv: 10,000 rows (100%)');
  });
});

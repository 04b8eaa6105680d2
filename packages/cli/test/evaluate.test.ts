import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMovieLensRatings } from '../src/commands/evaluate.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'marquee-evaluate-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reading MovieLens ratings for evaluation', () => {
  it('reads ratings.csv with a header and CRLF line ends, counting unreadable lines', async () => {
    const file = join(dir, 'ratings.csv');
    await writeFile(file, 'userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\nbroken line\r\n2,10,4.0,835355493\r\n');
    const { interactions, rejected } = await readMovieLensRatings(file);
    expect(interactions).toEqual([
      { userId: '1', itemId: '31', rating: 2.5, at: 1_260_759_144_000 },
      { userId: '1', itemId: '1029', rating: 3, at: 1_260_759_179_000 },
      { userId: '2', itemId: '10', rating: 4, at: 835_355_493_000 },
    ]);
    expect(rejected).toBe(1);
  });

  it("reads ml-100k's tab-separated u.data without a header", async () => {
    const file = join(dir, 'u.data');
    await writeFile(file, '196\t242\t3\t881250949\n186\t302\t3\t891717742\n');
    const { interactions, rejected } = await readMovieLensRatings(file);
    expect(interactions.map((i) => [i.userId, i.itemId, i.rating])).toEqual([
      ['196', '242', 3],
      ['186', '302', 3],
    ]);
    expect(rejected).toBe(0);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    await writeFile(
      file,
      'userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\nbroken line\r\n2,10,4.0,835355493\r\n',
    );
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

  it('reads ml-1m / ml-10m ratings.dat (`::`-separated)', async () => {
    const { interactions, rejected } = await readMovieLensRatings(
      fileURLToPath(new URL('fixtures/ml-1m/ratings.dat', import.meta.url)),
    );
    expect(interactions.slice(0, 2)).toEqual([
      { userId: '1', itemId: '1', rating: 5, at: 978_824_268_000 },
      { userId: '1', itemId: '58', rating: 4, at: 978_824_291_000 },
    ]);
    // The rating of 6 is not a MovieLens rating; an unknown film is still a rating here.
    expect([interactions.length, rejected]).toEqual([4, 1]);
  });

  it('refuses a file that holds no ratings instead of scoring nothing', async () => {
    const garbage = fileURLToPath(new URL('fixtures/ml-garbage/ratings.csv', import.meta.url));
    await expect(readMovieLensRatings(garbage)).rejects.toThrow(
      /lines are not ratings\. Expected MovieLens ratings\.csv/,
    );
    const movies = join(dir, 'ratings.dat');
    await writeFile(movies, '1::Toy Story (1995)::Animation\n2::Jumanji (1995)::Adventure\n');
    await expect(readMovieLensRatings(movies)).rejects.toThrow('2 of 2 lines are not ratings');
  });
});

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@marquee/db';
import { createSqlDocumentStore } from '@marquee/documents';
import { createTestDatabase } from '@marquee/testing';
import { ingestMovielens, silentProgress } from '../src/ingest/index.ts';
import { ingestHarness, lines } from './ingestHarness.ts';

const { stack, inWork } = ingestHarness('ingest-tags');

describe('MovieLens tags.csv', () => {
  it('stores each user’s tags of known films in reviews.tag, makes the most used ones keywords, rejects tags of unknown films, and re-runs without changes', async () => {
    const database = await createTestDatabase();
    stack.defer(() => database.dispose());
    const db = stack.adopt(await openDatabase({ kind: 'postgres', url: database.url }), (opened) =>
      opened.close(),
    );
    const dir = inWork('ml');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'movies.csv'),
      lines(
        'movieId,title,genres',
        '1,Toy Story (1995),Animation|Comedy',
        '2,Jumanji (1995),Adventure',
      ),
    );
    await writeFile(
      join(dir, 'links.csv'),
      lines('movieId,imdbId,tmdbId', '1,0114709,862', '2,0113497,8844'),
    );
    await writeFile(
      join(dir, 'ratings.csv'),
      lines('userId,movieId,rating,timestamp', '1,1,4.0,964982703'),
    );
    await writeFile(
      join(dir, 'tags.csv'),
      lines(
        'userId,movieId,tag,timestamp',
        '1,1,pixar,1139045764',
        '2,1,"funny, dark",1139045765', // a tagger who rated nothing becomes a user too
        '2,2,"slow ""burn""",1139045766',
        '2,99,orphan,1139045767', // line 5: not in movies.csv
        '2,2,"slow ""burn""",1139045999', // line 6: same tag again, same batch: the later one is kept
        '3,2,,1139045768', // line 7: no tag
        '3,1,Pixar,1139045769', // a second tagger of "pixar", in other letters
      ),
    );
    // A curated keyword, kept ahead of the tags.
    const documents = await createSqlDocumentStore(db.sql);
    stack.defer(() => documents.close());
    const movieDocuments = documents.collection('movies');
    await movieDocuments.put({
      _id: 'tt0114709',
      overview: 'Toys come alive.',
      keywords: ['toys'],
    });
    const options = { progress: silentProgress, rejectsDir: inWork('rejects'), documents };
    const first = await ingestMovielens(dir, db, options);
    const tags = first.files.find((file) => file.file === 'tags.csv');
    expect(tags).toMatchObject({
      read: 7,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejected: 3,
      // User 1 was written for ratings.csv in this run: users are counted once a run.
      also: {
        users: { inserted: 2, updated: 0, unchanged: 0 },
        keywords: { inserted: 0, updated: 2, unchanged: 0 },
      },
    });
    const rejects = (await readFile(inWork('rejects', 'tags.csv.rejects.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; reason: string });
    expect(rejects.map(({ line, reason }) => [line, reason])).toEqual([
      [4, 'duplicate key: line 6 has the same key and is the one written'],
      [5, 'unknown movieId 99 (not in the films file)'],
      [7, 'missing tag'],
    ]);
    expect(
      await db.sql.query(
        `SELECT user_id, movie_id, tag, created_at::text AS at FROM reviews.tag ORDER BY user_id, movie_id, tag`,
      ),
    ).toEqual([
      { user_id: 'movielens:1', movie_id: 'tt0114709', tag: 'pixar', at: '2006-02-04 09:36:04+00' },
      // Line 6's timestamp: the later of the repeated tag.
      {
        user_id: 'movielens:2',
        movie_id: 'tt0113497',
        tag: 'slow "burn"',
        at: '2006-02-04 09:39:59+00',
      },
      {
        user_id: 'movielens:2',
        movie_id: 'tt0114709',
        tag: 'funny, dark',
        at: '2006-02-04 09:36:05+00',
      },
      { user_id: 'movielens:3', movie_id: 'tt0114709', tag: 'Pixar', at: '2006-02-04 09:36:09+00' },
    ]);
    // Keywords: tags folded to lower case and ranked by how many users gave them.
    await expect(movieDocuments.getMany(['tt0114709', 'tt0113497'])).resolves.toEqual([
      {
        _id: 'tt0114709',
        overview: 'Toys come alive.',
        keywords: ['toys'],
        movielensTags: ['pixar', 'funny, dark'],
      },
      { _id: 'tt0113497', movielensTags: ['slow "burn"'] },
    ]);
    expect(
      await db.sql.query(
        `SELECT movie_id, keywords FROM recommendations.item_feature ORDER BY movie_id`,
      ),
    ).toEqual([
      { movie_id: 'tt0113497', keywords: ['slow "burn"'] },
      { movie_id: 'tt0114709', keywords: ['toys', 'pixar', 'funny, dark'] },
    ]);

    const second = await ingestMovielens(dir, db, options);
    expect(second.files.find((file) => file.file === 'tags.csv')).toMatchObject({
      read: 7,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      rejected: 3,
      also: { keywords: { inserted: 0, updated: 0, unchanged: 2 } },
    });
  });
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { genresOf, imdbGenres, personName, titleName } from './names.ts';
import { Random } from './random.ts';
import { LineWriter } from './writer.ts';

export interface ImdbGenerateOptions {
  titles: number;
  /** Default: as many people as titles. */
  people?: number;
  /** Total title.principals rows; default 5 per title. */
  principals?: number;
  seed?: number;
  gzip?: boolean;
}

export interface GeneratedFile {
  file: string;
  rows: number;
}

/**
 * Generated ids start at 900,000,001: real IMDb ids are 7 or 8 digits (about tt38000000 and
 * nm17000000 in 2025) and grow by a few million a year, so no real title or person has one of
 * these, and generated files ingested into a catalogue with real films never rewrite them. They
 * are still canonical 9-digit ids, so the bulk load keeps them in its compact lookups.
 */
export const GENERATED_ID_BASE = 900_000_000;
export const tconstOf = (index: number): string => `tt${GENERATED_ID_BASE + index}`;
export const nconstOf = (index: number): string => `nm${GENERATED_ID_BASE + index}`;

const NULL = '\\N';
const professions = [
  'actor',
  'actress',
  'director',
  'writer',
  'producer',
  'composer',
  'cinematographer',
  'editor',
  'soundtrack',
  'miscellaneous',
];
const titleTypes = [
  'movie',
  'tvEpisode',
  'short',
  'tvSeries',
  'video',
  'tvMovie',
  'tvMiniSeries',
  'videoGame',
];
const crewCategories = ['director', 'writer', 'producer', 'composer', 'cinematographer', 'editor'];

/**
 * Writes IMDb's five non-commercial TSVs (headers, tabs, `\N`) with long-tail popularity: a few
 * titles get most votes and a few people most credits. Deterministic for a given seed.
 */
export async function generateImdb(
  outDir: string,
  options: ImdbGenerateOptions,
): Promise<GeneratedFile[]> {
  const titles = options.titles;
  const people = options.people ?? titles;
  const principals = options.principals ?? titles * 5;
  const seed = options.seed ?? 1;
  const ext = options.gzip === true ? '.tsv.gz' : '.tsv';
  await mkdir(outDir, { recursive: true });
  const written: GeneratedFile[] = [];
  const open = (name: string) => new LineWriter(join(outDir, `${name}${ext}`));
  const done = async (name: string, writer: LineWriter) => {
    await writer.close();
    written.push({ file: `${name}${ext}`, rows: writer.lines - 1 });
  };

  let random = new Random(seed);
  let out = open('name.basics');
  await out.line('nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles');
  for (let p = 1; p <= people; p += 1) {
    const born = random.next() < 0.7 ? random.int(1900, 2005) : null;
    const died =
      born !== null && born < 1960 && random.next() < 0.3 ? born + random.int(30, 95) : null;
    const jobs = [...new Set([random.pick(professions), random.pick(professions)])].slice(
      0,
      random.int(1, 2),
    );
    const knownFor = [
      ...new Set(
        Array.from({ length: random.int(0, 4) }, () => tconstOf(1 + random.skewed(titles, 2))),
      ),
    ];
    await out.line(
      [
        nconstOf(p),
        personName(random),
        born ?? NULL,
        died === null || died > 2025 ? NULL : died,
        jobs.join(',') || NULL,
        knownFor.join(',') || NULL,
      ].join('\t'),
    );
  }
  await done('name.basics', out);

  random = new Random(seed + 1);
  out = open('title.basics');
  await out.line(
    'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
  );
  for (let t = 1; t <= titles; t += 1) {
    const kind = titleTypes[random.skewed(titleTypes.length, 1.8)] ?? 'movie';
    const title = titleName(random);
    const original = random.next() < 0.9 ? title : titleName(random);
    const start = random.next() < 0.95 ? random.int(1900, 2025) : null;
    const end =
      kind === 'tvSeries' && start !== null && random.next() < 0.5
        ? Math.min(2025, start + random.int(1, 10))
        : null;
    const runtime =
      random.next() < 0.8
        ? random.int(kind === 'short' ? 1 : 40, kind === 'short' ? 40 : 200)
        : null;
    const genres = random.next() < 0.95 ? genresOf(random, imdbGenres).join(',') : NULL;
    await out.line(
      [
        tconstOf(t),
        kind,
        title,
        original,
        random.next() < 0.02 ? 1 : 0,
        start ?? NULL,
        end ?? NULL,
        runtime ?? NULL,
        genres,
      ].join('\t'),
    );
  }
  await done('title.basics', out);

  random = new Random(seed + 2);
  out = open('title.ratings');
  await out.line('tconst\taverageRating\tnumVotes');
  for (let t = 1; t <= titles; t += 1) {
    if (random.next() >= 0.85) continue;
    // Zipf over a random popularity rank: votes ~ 1 / rank^1.1.
    const rank = random.int(1, titles);
    const votes = 5 + Math.floor(2_000_000 / rank ** 1.1);
    await out.line(`${tconstOf(t)}\t${(random.int(10, 100) / 10).toFixed(1)}\t${votes}`);
  }
  await done('title.ratings', out);

  random = new Random(seed + 3);
  out = open('title.principals');
  await out.line('tconst\tordering\tnconst\tcategory\tjob\tcharacters');
  const perTitle = Math.floor(principals / titles);
  const extra = principals - perTitle * titles;
  for (let t = 1; t <= titles; t += 1) {
    const count = Math.min(people, perTitle + (t <= extra ? 1 : 0));
    const cast = new Set<number>();
    while (cast.size < count) cast.add(1 + random.skewed(people, 2.5));
    let ordering = 0;
    for (const person of cast) {
      ordering += 1;
      const acting = ordering <= Math.ceil(count * 0.6);
      const category = acting
        ? random.next() < 0.5
          ? 'actor'
          : random.next() < 0.9
            ? 'actress'
            : 'self'
        : random.pick(crewCategories);
      const characters = acting
        ? JSON.stringify([personName(random).split(' ')[0] ?? 'Self'])
        : NULL;
      const job = category === 'writer' && random.next() < 0.5 ? 'screenplay' : NULL;
      await out.line(
        `${tconstOf(t)}\t${ordering}\t${nconstOf(person)}\t${category}\t${job}\t${characters}`,
      );
    }
  }
  await done('title.principals', out);

  random = new Random(seed + 4);
  out = open('title.crew');
  await out.line('tconst\tdirectors\twriters');
  for (let t = 1; t <= titles; t += 1) {
    const pickPeople = (max: number) =>
      [
        ...new Set(
          Array.from({ length: random.int(0, max) }, () =>
            nconstOf(1 + random.skewed(people, 2.5)),
          ),
        ),
      ].join(',') || NULL;
    await out.line(`${tconstOf(t)}\t${pickPeople(2)}\t${pickPeople(3)}`);
  }
  await done('title.crew', out);
  return written;
}

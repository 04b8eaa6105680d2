/**
 * Synthetic film titles for the search benchmark, with the statistics of real ones: a vocabulary
 * of made-up words whose frequencies follow Zipf's law, words per title and word lengths as real
 * catalogues have them, and a few accented words. What makes trigram search slow or fast is how
 * many titles share each trigram, and that depends on the size and shape of the vocabulary: with
 * a few hundred words every trigram is in tens of thousands of titles.
 *
 * The parameters below were checked against the 62,423 titles of MovieLens 25M's movies.csv (see
 * docs/benchmarks.md); run this file with a movies.csv or an IMDb title.basics.tsv to compare again:
 *
 *   npx tsx bench/titleVocabulary.ts path/to/movies.csv
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { random } from '@marquee/recsys';

/**
 * The head of the distribution: short function words in several languages, as in any title list.
 * They take the first ranks; every later rank is a made-up word.
 */
const functionWords = [
  'the',
  'of',
  'a',
  'in',
  'and',
  'to',
  'i',
  'on',
  'for',
  'my',
  'la',
  'you',
  'from',
  'de',
  'is',
  'me',
  'no',
  'with',
  'at',
  'it',
  'le',
  'el',
  'der',
  'die',
  'an',
  'les',
  'we',
  'all',
  'one',
  'our',
  'is',
  'un',
  'das',
  'by',
  'her',
  'his',
];

// English-like syllables (weights by repetition), so that trigrams repeat across words as they do
// in real titles rather than being spread evenly over 26³ combinations.
const onsets = [
  '',
  '',
  '',
  'b',
  'b',
  'c',
  'c',
  'd',
  'd',
  'f',
  'g',
  'h',
  'h',
  'j',
  'k',
  'l',
  'l',
  'm',
  'm',
  'n',
  'n',
  'p',
  'p',
  'q',
  'r',
  'r',
  's',
  's',
  's',
  't',
  't',
  't',
  'v',
  'w',
  'w',
  'x',
  'y',
  'z',
  'bl',
  'br',
  'ch',
  'cl',
  'cr',
  'dr',
  'dw',
  'fl',
  'fr',
  'gl',
  'gr',
  'kn',
  'kr',
  'ph',
  'pl',
  'pr',
  'sc',
  'sch',
  'sh',
  'sk',
  'sl',
  'sm',
  'sn',
  'sp',
  'spr',
  'st',
  'str',
  'sw',
  'th',
  'th',
  'tr',
  'ts',
  'tw',
  'wh',
  'wr',
  'zh',
];
const vowels = [
  'a',
  'a',
  'a',
  'e',
  'e',
  'e',
  'e',
  'i',
  'i',
  'i',
  'o',
  'o',
  'o',
  'u',
  'u',
  'y',
  'ai',
  'au',
  'ay',
  'ea',
  'ee',
  'ei',
  'eu',
  'ie',
  'oa',
  'oi',
  'oo',
  'ou',
  'ow',
  'ue',
  'ia',
  'io',
  'ya',
];
const codas = [
  '',
  '',
  '',
  '',
  'n',
  'n',
  'r',
  'r',
  's',
  's',
  't',
  't',
  'l',
  'd',
  'm',
  'b',
  'c',
  'f',
  'g',
  'k',
  'p',
  'v',
  'z',
  'ng',
  'nd',
  'st',
  'ck',
  'rt',
  'll',
  'ss',
  'x',
  'th',
  'nt',
  'rk',
  'ce',
  'ne',
  're',
  'se',
  'te',
  'ght',
  'lf',
  'mp',
  'nk',
  'ps',
  'rd',
  'rn',
  'sk',
  'tch',
  'wn',
];
// Accented letters stand in for a plain vowel in 2% of the words past the first 300 ranks (real
// titles: 3.8% have a non-ASCII letter).
const accented: Record<string, string[]> = {
  a: ['á', 'à', 'ã', 'ä'],
  e: ['é', 'è', 'ê', 'ë'],
  i: ['í', 'ï'],
  o: ['ó', 'ô', 'ö', 'ø'],
  u: ['ú', 'ü'],
};

/** Lengths of distinct words, 2–16 letters, mean about 6.8 (real: 6.8). */
function wordLength(next: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return Math.max(2, Math.min(16, Math.round(6.8 + 2.4 * normal)));
}

const pickFrom = (items: readonly string[], next: () => number) =>
  items[Math.floor(next() * items.length)] ?? '';

function madeUpWord(length: number, next: () => number): string {
  let word = '';
  while (word.length < length)
    word += pickFrom(onsets, next) + pickFrom(vowels, next) + pickFrom(codas, next);
  return word.slice(0, length);
}

function withAccent(word: string, next: () => number): string {
  const vowelsAt = [...word].flatMap((letter, index) => (letter in accented ? [index] : []));
  const at = vowelsAt[Math.floor(next() * vowelsAt.length)];
  return at === undefined
    ? word
    : word.slice(0, at) + pickFrom(accented[word[at] ?? ''] ?? [], next) + word.slice(at + 1);
}

export interface Vocabulary {
  /** Words by rank, most frequent first. */
  words: string[];
  /** A rank drawn from the Zipf distribution. */
  draw: () => number;
}

/**
 * `size` distinct words ranked by frequency; `draw` samples ranks with probability ∝ 1/rank (real
 * titles: a slope of 1.03 between ranks 10 and 10,000). Frequent words are short: lengths
 * are sorted into ranks with noise, which gives tokens a mean length near the real 4.8 letters.
 */
export function titleVocabulary(size: number, seed: number): Vocabulary {
  const next = random(seed);
  const made = new Set<string>(functionWords);
  const candidates: string[] = [];
  while (made.size < size) {
    const word = madeUpWord(wordLength(next), next);
    if (!made.has(word)) {
      made.add(word);
      candidates.push(word);
    }
  }
  // Shorter words get earlier ranks, loosely: sort by length plus noise.
  const keyed = candidates.map((word) => ({ word, key: word.length + 10 * next() }));
  keyed.sort((a, b) => a.key - b.key);
  const words = [...new Set(functionWords), ...keyed.map(({ word }) => word)].map((word, rank) =>
    rank >= 300 && next() < 0.02 ? withAccent(word, next) : word,
  );
  const weights = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank += 1) total = weights[rank] = total + 1 / (rank + 1);
  const draw = () => {
    const target = next() * total;
    let low = 0;
    let high = words.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((weights[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return { words, draw };
}

/** Words per title: 1–8 as real primary titles have them (mean about 2.9). */
const wordsPerTitle = [0, 0.17, 0.27, 0.22, 0.15, 0.09, 0.05, 0.03, 0.02];

/** `count` titles drawn from `vocabulary`, capitalised like real ones. */
export function* syntheticTitles(
  vocabulary: Vocabulary,
  count: number,
  seed: number,
): Generator<string> {
  const next = random(seed);
  for (let i = 0; i < count; i += 1) {
    let u = next();
    let length = 1;
    while (length < wordsPerTitle.length - 1 && u > (wordsPerTitle[length] ?? 0))
      u -= wordsPerTitle[length++] ?? 0;
    const words: string[] = [];
    for (let w = 0; w < length; w += 1) {
      const word = vocabulary.words[vocabulary.draw()] ?? 'the';
      words.push(word.charAt(0).toUpperCase() + word.slice(1));
    }
    yield words.join(' ');
  }
}

/** The statistics compared with real titles. */
export function titleStatistics(titles: Iterable<string>) {
  const counts = new Map<string, number>();
  const trigramTitles = new Map<string, number>();
  let titleCount = 0;
  let tokens = 0;
  let tokenLetters = 0;
  let withThe = 0;
  let accentedTitles = 0;
  for (const title of titles) {
    titleCount += 1;
    const words: string[] = title.toLowerCase().match(/\p{L}+/gu) ?? [];
    tokens += words.length;
    if (words.includes('the')) withThe += 1;
    if (/[^\p{ASCII}]/u.test(title)) accentedTitles += 1;
    const trigrams = new Set<string>();
    for (const word of words) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
      tokenLetters += word.length;
      // pg_trgm's trigrams of a word: two spaces before it, one after.
      const padded = `  ${word} `;
      for (let at = 0; at + 3 <= padded.length; at += 1) trigrams.add(padded.slice(at, at + 3));
    }
    for (const trigram of trigrams)
      trigramTitles.set(trigram, (trigramTitles.get(trigram) ?? 0) + 1);
  }
  const ranked = [...counts.values()].sort((a, b) => b - a);
  const share = (top: number) =>
    ranked.slice(0, top).reduce((sum, count) => sum + count, 0) / tokens;
  const trigramLists = [...trigramTitles.values()].sort((a, b) => b - a);
  const trigramShare = (rank: number) => (trigramLists[rank - 1] ?? 0) / titleCount;
  const median = trigramLists[Math.floor(trigramLists.length / 2)] ?? 0;
  return {
    titles: titleCount,
    wordsPerTitle: Number((tokens / titleCount).toFixed(2)),
    distinctWords: counts.size,
    meanTokenLength: Number((tokenLetters / tokens).toFixed(2)),
    tokenShareTop10: Number(share(10).toFixed(3)),
    tokenShareTop100: Number(share(100).toFixed(3)),
    tokenShareTop1000: Number(share(1000).toFixed(3)),
    onceOnlyShareOfDistinct: Number(
      (ranked.filter((count) => count === 1).length / counts.size).toFixed(3),
    ),
    titlesWithThe: Number((withThe / titleCount).toFixed(3)),
    titlesWithNonAscii: Number((accentedTitles / titleCount).toFixed(3)),
    distinctTrigrams: trigramLists.length,
    // Share of titles holding the 1st, 10th, 100th and 1000th most common trigram: the lengths of
    // the GIN posting lists a query walks.
    trigramTitleShare: [1, 10, 100, 1000].map((rank) => Number(trigramShare(rank).toFixed(4))),
    medianTrigramTitles: median,
  };
}

/** Titles of a MovieLens movies.csv (year and the moved article undone) or an IMDb title.basics.tsv. */
async function* realTitles(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header: string[] | undefined;
  for await (const line of lines) {
    if (header === undefined) {
      header = line.split(path.endsWith('.tsv') ? '\t' : ',');
      continue;
    }
    if (path.endsWith('.tsv')) {
      const fields = line.split('\t');
      const title = fields[header.indexOf('primaryTitle')];
      if (title !== undefined) yield title;
    } else {
      const match = /^[^,]*,(?:"((?:[^"]|"")*)"|([^,]*)),/.exec(line);
      const raw = (match?.[1] ?? match?.[2] ?? '').replaceAll('""', '"');
      yield raw.replace(/\s*\(\d{4}\)\s*$/, '');
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2];
  if (path === undefined) {
    process.stderr.write(
      'usage: npx tsx bench/titleVocabulary.ts <movies.csv | title.basics.tsv>\n',
    );
    process.exit(2);
  }
  const real: string[] = [];
  for await (const title of realTitles(path)) real.push(title);
  const synthetic = [...syntheticTitles(titleVocabulary(250_000, 11), real.length, 12)];
  process.stdout.write(
    `${JSON.stringify({ real: titleStatistics(real), synthetic: titleStatistics(synthetic) }, null, 2)}\n`,
  );
}

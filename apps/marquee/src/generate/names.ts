import type { Random } from './random.ts';

const adjectives = [
  'Silent',
  'Last',
  'Broken',
  'Golden',
  'Dark',
  'Lost',
  'Red',
  'Hidden',
  'Wild',
  'Second',
  'Long',
  'Cold',
  'Bright',
  'Empty',
  'Final',
  'Little',
  'Strange',
  'Blue',
  'Secret',
  'Distant',
];
const nouns = [
  'River',
  'City',
  'Night',
  'Garden',
  'Road',
  'Winter',
  'House',
  'Harbor',
  'Storm',
  'Mirror',
  'Station',
  'Island',
  'Letter',
  'Forest',
  'Machine',
  'Summer',
  'Kingdom',
  'Witness',
  'Signal',
  'Promise',
];
const firstNames = [
  'Anna',
  'Marco',
  'Li',
  'Sofia',
  'James',
  'Amara',
  'Yuki',
  'Pedro',
  'Olga',
  'Kwame',
  'Ines',
  'Tomas',
  'Priya',
  'Omar',
  'Elena',
  'Jonas',
  'Mei',
  'Luca',
  'Zara',
  'Hugo',
];
const lastNames = [
  'Rossi',
  'Nakamura',
  'Okafor',
  'Silva',
  'Novak',
  'Haddad',
  'Larsen',
  'Moreau',
  'Kowalski',
  'Chen',
  'Adeyemi',
  'Garcia',
  'Ivanova',
  'Schmidt',
  'Patel',
  "O'Neill",
  'Dubois',
  'Costa',
  'Berg',
  'Kim',
];

export const imdbGenres = [
  'Drama',
  'Comedy',
  'Documentary',
  'Action',
  'Romance',
  'Thriller',
  'Crime',
  'Horror',
  'Adventure',
  'Family',
  'Animation',
  'Mystery',
  'Fantasy',
  'Sci-Fi',
  'Biography',
  'History',
  'Music',
  'War',
  'Western',
  'Sport',
];
export const movielensGenres = [
  'Drama',
  'Comedy',
  'Thriller',
  'Romance',
  'Action',
  'Crime',
  'Horror',
  'Documentary',
  'Adventure',
  'Sci-Fi',
  'Mystery',
  'Fantasy',
  'War',
  'Children',
  'Musical',
  'Animation',
  'Western',
  'Film-Noir',
  'IMAX',
];

/** "The Golden Harbor", "Lost Signal II", "Night, Station": titles with the odd comma, quote and numeral. */
export function titleName(random: Random): string {
  const base = `${random.next() < 0.4 ? 'The ' : ''}${random.pick(adjectives)} ${random.pick(nouns)}`;
  const roll = random.next();
  if (roll < 0.05) return `${base}, ${random.pick(nouns)}`;
  if (roll < 0.08) return `${base} II`;
  if (roll < 0.09) return `"${random.pick(nouns)}" ${base}`;
  return base;
}

export function personName(random: Random): string {
  return `${random.pick(firstNames)} ${random.pick(lastNames)}`;
}

/** One to three distinct genres. */
export function genresOf(random: Random, genres: readonly string[]): string[] {
  const count = random.int(1, 3);
  const picked = new Set<string>();
  while (picked.size < count) picked.add(genres[random.skewed(genres.length, 1.6)] ?? 'Drama');
  return [...picked];
}

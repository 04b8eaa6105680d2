import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films released in the 1970s. */
export const seventiesMovies: readonly DemoMovie[] = [
  {
    id: 'tt0068646',
    kind: 'movie',
    title: 'The Godfather',
    year: 1972,
    runtimeMinutes: 175,
    genres: ['Crime', 'Drama'],
    externalIds: { imdb: 'tt0068646', tmdb: '238', movielens: '858' },
    overview:
      'The aging head of a New York Mafia family hands his empire to his youngest son, a war veteran who never wanted any part of it.',
    tagline: 'Family business is never just business.',
    keywords: ['mafia', 'family', 'crime boss', 'new york', 'succession', 'based on novel'],
    popularity: 97,
    credits: [
      ...directedBy('nm0000338'), // Francis Ford Coppola
      ...writtenBy('nm0701374', 'nm0000338'), // Mario Puzo, Francis Ford Coppola
      ...starring(
        ['nm0000008', 'Don Vito Corleone'], // Marlon Brando
        ['nm0000199', 'Michael Corleone'], // Al Pacino
        ['nm0001001', 'Sonny Corleone'], // James Caan
        ['nm0000473', 'Kay Adams'], // Diane Keaton
        ['nm0000380', 'Tom Hagen'], // Robert Duvall
      ),
      ...scoredBy('nm0000065'), // Nino Rota
    ],
  },
  {
    id: 'tt0071315',
    kind: 'movie',
    title: 'Chinatown',
    year: 1974,
    runtimeMinutes: 130,
    genres: ['Drama', 'Mystery', 'Thriller'],
    externalIds: { imdb: 'tt0071315', tmdb: '829', movielens: '1252' },
    overview:
      "A Los Angeles private eye hired for a routine infidelity case uncovers a conspiracy over the city's water supply and a family secret far darker.",
    tagline: 'Follow the water. It leads somewhere bad.',
    keywords: ['private detective', 'los angeles', 'water', 'corruption', 'neo-noir'],
    popularity: 54,
    credits: [
      ...directedBy('nm0000591'), // Roman Polanski
      ...writtenBy('robert-towne'), // Robert Towne
      ...starring(
        ['nm0000197', 'J.J. Gittes'], // Jack Nicholson
        ['faye-dunaway', 'Evelyn Mulwray'], // Faye Dunaway
        ['nm0001379', 'Noah Cross'], // John Huston
        ['perry-lopez', 'Lieutenant Lou Escobar'], // Perry Lopez
      ),
      ...scoredBy('nm0000025'), // Jerry Goldsmith
    ],
  },
  {
    id: 'tt0071562',
    kind: 'movie',
    title: 'The Godfather Part II',
    year: 1974,
    runtimeMinutes: 202,
    genres: ['Crime', 'Drama'],
    externalIds: { imdb: 'tt0071562', tmdb: '240', movielens: '1221' },
    overview:
      "Michael Corleone tightens his grip on the family's empire in the 1950s while, decades earlier, a young Vito Corleone makes his way from Sicily to the streets of New York.",
    tagline: 'A father built it. A son keeps it, at any price.',
    keywords: ['mafia', 'sequel', 'immigrant', 'betrayal', 'parallel storylines'],
    popularity: 88,
    credits: [
      ...directedBy('nm0000338'), // Francis Ford Coppola
      ...writtenBy('nm0000338', 'nm0701374'), // Francis Ford Coppola, Mario Puzo
      ...starring(
        ['nm0000199', 'Michael Corleone'], // Al Pacino
        ['nm0000380', 'Tom Hagen'], // Robert Duvall
        ['nm0000473', 'Kay Corleone'], // Diane Keaton
        ['nm0000134', 'Vito Corleone'], // Robert De Niro
        ['nm0001030', 'Fredo Corleone'], // John Cazale
      ),
      ...scoredBy('nm0000065'), // Nino Rota
    ],
  },
  {
    id: 'tt0073195',
    kind: 'movie',
    title: 'Jaws',
    year: 1975,
    runtimeMinutes: 124,
    genres: ['Adventure', 'Thriller'],
    externalIds: { imdb: 'tt0073195', tmdb: '578', movielens: '1387' },
    overview:
      'When a great white shark starts killing swimmers off a summer resort island, the police chief, a marine biologist and a grizzled fisherman head out to hunt it.',
    tagline: 'Summer season, closed by popular demand.',
    keywords: ['shark', 'beach', 'island', 'police chief', 'sea hunt'],
    popularity: 78,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('peter-benchley', 'carl-gottlieb'), // Peter Benchley, Carl Gottlieb
      ...starring(
        ['nm0001702', 'Martin Brody'], // Roy Scheider
        ['nm0001727', 'Quint'], // Robert Shaw
        ['nm0000377', 'Matt Hooper'], // Richard Dreyfuss
        ['lorraine-gary', 'Ellen Brody'], // Lorraine Gary
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0075314',
    kind: 'movie',
    title: 'Taxi Driver',
    year: 1976,
    runtimeMinutes: 114,
    genres: ['Crime', 'Drama'],
    externalIds: { imdb: 'tt0075314', tmdb: '103', movielens: '111' },
    overview:
      'A lonely, sleepless Vietnam veteran driving a night cab through New York grows disgusted with the city and fixes on a violent plan to rescue a young runaway.',
    tagline: 'The night shift never ends.',
    keywords: ['loneliness', 'insomnia', 'new york', 'vigilante', 'veteran'],
    popularity: 66,
    credits: [
      ...directedBy('nm0000217'), // Martin Scorsese
      ...writtenBy('nm0001707'), // Paul Schrader
      ...starring(
        ['nm0000134', 'Travis Bickle'], // Robert De Niro
        ['nm0000149', 'Iris Steensma'], // Jodie Foster
        ['cybill-shepherd', 'Betsy'], // Cybill Shepherd
        ['nm0000983', 'Tom'], // Albert Brooks
        ['nm0000172', "Matthew 'Sport' Higgins"], // Harvey Keitel
      ),
      ...scoredBy('bernard-herrmann'), // Bernard Herrmann
    ],
  },
  {
    id: 'tt0076759',
    kind: 'movie',
    title: 'Star Wars',
    year: 1977,
    runtimeMinutes: 121,
    genres: ['Action', 'Adventure', 'Fantasy', 'Sci-Fi'],
    externalIds: { imdb: 'tt0076759', tmdb: '11', movielens: '260' },
    overview:
      'A farm boy on a desert planet is drawn into a rebellion against a galactic empire when two droids carrying secret plans lead him to an old Jedi knight.',
    tagline: 'A farm boy, a smuggler and a princess against an empire.',
    keywords: ['space opera', 'rebellion', 'droid', 'jedi', 'death star'],
    popularity: 92,
    credits: [
      ...directedBy('george-lucas'), // George Lucas
      ...writtenBy('george-lucas'), // George Lucas
      ...starring(
        ['nm0000434', 'Luke Skywalker'], // Mark Hamill
        ['nm0000148', 'Han Solo'], // Harrison Ford
        ['nm0000402', 'Princess Leia Organa'], // Carrie Fisher
        ['nm0001088', 'Grand Moff Tarkin'], // Peter Cushing
        ['nm0000027', 'Ben Obi-Wan Kenobi'], // Alec Guinness
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0078748',
    kind: 'movie',
    title: 'Alien',
    year: 1979,
    runtimeMinutes: 117,
    genres: ['Horror', 'Sci-Fi'],
    externalIds: { imdb: 'tt0078748', tmdb: '348', movielens: '1214' },
    overview:
      'The crew of a commercial towing ship answers a distress signal on a bleak moon and brings back an organism that begins hunting them one by one.',
    tagline: 'Seven crew, one stowaway, no way out.',
    keywords: ['space', 'xenomorph', 'spaceship', 'survival', 'corporation'],
    popularity: 84,
    credits: [
      ...directedBy('nm0000631'), // Ridley Scott
      ...writtenBy('nm0639321', 'nm0795953'), // Dan O'Bannon, Ronald Shusett
      ...starring(
        ['nm0000643', 'Dallas'], // Tom Skerritt
        ['nm0000244', 'Ripley'], // Sigourney Weaver
        ['veronica-cartwright', 'Lambert'], // Veronica Cartwright
        ['nm0001765', 'Brett'], // Harry Dean Stanton
        ['nm0000457', 'Kane'], // John Hurt
      ),
      ...scoredBy('nm0000025'), // Jerry Goldsmith
    ],
  },
  {
    id: 'tt0078788',
    kind: 'movie',
    title: 'Apocalypse Now',
    year: 1979,
    runtimeMinutes: 147,
    genres: ['Drama', 'Mystery', 'War'],
    externalIds: { imdb: 'tt0078788', tmdb: '28', movielens: '1208' },
    overview:
      'During the Vietnam War, an army captain is sent up a river into Cambodia to find and terminate a decorated colonel who has set himself up as a god among his followers.',
    tagline: 'The deeper upriver, the further from sanity.',
    keywords: ['vietnam war', 'river journey', 'madness', 'jungle', 'based on novella'],
    popularity: 67,
    credits: [
      ...directedBy('nm0000338'), // Francis Ford Coppola
      ...writtenBy('john-milius', 'nm0000338'), // John Milius, Francis Ford Coppola
      ...starring(
        ['nm0000640', 'Captain Benjamin L. Willard'], // Martin Sheen
        ['nm0000008', 'Colonel Walter E. Kurtz'], // Marlon Brando
        ['nm0000380', 'Lieutenant Colonel Bill Kilgore'], // Robert Duvall
        ['frederic-forrest', 'Chef'], // Frederic Forrest
      ),
    ],
  },
];

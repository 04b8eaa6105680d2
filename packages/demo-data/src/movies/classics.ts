import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films from the silent era to the end of the 1960s. */
export const classicMovies: readonly DemoMovie[] = [
  {
    id: 'tt0017136',
    kind: 'movie',
    title: 'Metropolis',
    year: 1927,
    runtimeMinutes: 153,
    genres: ['Drama', 'Sci-Fi'],
    externalIds: { imdb: 'tt0017136', tmdb: '19', movielens: '2010' },
    overview:
      "In a towering city split between idle planners above and exhausted workers below, the planner's son crosses the divide and a scientist builds a machine in the likeness of the woman the workers trust.",
    tagline: 'Above the machines, someone has to listen.',
    keywords: ['silent film', 'dystopia', 'robot', 'class struggle', 'futuristic city'],
    popularity: 48,
    credits: [
      ...directedBy('nm0000485'), // Fritz Lang
      ...writtenBy('thea-von-harbou', 'nm0000485'), // Thea von Harbou, Fritz Lang
      ...starring(
        ['brigitte-helm', 'Maria'], // Brigitte Helm
        ['alfred-abel', 'Joh Fredersen'], // Alfred Abel
        ['gustav-frohlich', 'Freder Fredersen'], // Gustav Fröhlich
        ['rudolf-klein-rogge', 'Rotwang'], // Rudolf Klein-Rogge
      ),
    ],
  },
  {
    id: 'tt0032138',
    kind: 'movie',
    title: 'The Wizard of Oz',
    year: 1939,
    runtimeMinutes: 102,
    genres: ['Adventure', 'Family', 'Fantasy'],
    externalIds: { imdb: 'tt0032138', tmdb: '630', movielens: '919' },
    overview:
      'Swept out of Kansas by a tornado, a farm girl lands in a vivid magical land and follows a yellow road toward a wizard she hopes can send her home, gathering three unlikely companions on the way.',
    tagline: 'Follow the road and see where it leads.',
    keywords: ['tornado', 'witch', 'friendship', 'journey home', 'based on novel'],
    popularity: 62,
    credits: [
      ...directedBy('victor-fleming'), // Victor Fleming
      ...writtenBy('noel-langley', 'florence-ryerson', 'edgar-allan-woolf'), // Noel Langley, Florence Ryerson, Edgar Allan Woolf
      ...starring(
        ['nm0000023', 'Dorothy Gale'], // Judy Garland
        ['frank-morgan', 'Professor Marvel', 'The Wizard of Oz'], // Frank Morgan
        ['ray-bolger', 'Hunk', 'The Scarecrow'], // Ray Bolger
        ['bert-lahr', 'Zeke', 'The Cowardly Lion'], // Bert Lahr
        ['jack-haley', 'Hickory', 'The Tin Man'], // Jack Haley
      ),
    ],
  },
  {
    id: 'tt0033467',
    kind: 'movie',
    title: 'Citizen Kane',
    year: 1941,
    runtimeMinutes: 119,
    genres: ['Drama', 'Mystery'],
    externalIds: { imdb: 'tt0033467', tmdb: '15', movielens: '923' },
    overview:
      "A reporter chases the meaning of a newspaper magnate's final word, piecing together the man's rise and isolation from the memories of those who knew him.",
    tagline: 'One word, a whole life.',
    keywords: ['newspaper', 'flashback', 'media mogul', 'ambition', 'journalist'],
    popularity: 58,
    credits: [
      ...directedBy('nm0000080'), // Orson Welles
      ...writtenBy('herman-j-mankiewicz', 'nm0000080'), // Herman J. Mankiewicz, Orson Welles
      ...starring(
        ['nm0000080', 'Charles Foster Kane'], // Orson Welles
        ['nm0001072', 'Jedediah Leland'], // Joseph Cotten
        ['dorothy-comingore', 'Susan Alexander Kane'], // Dorothy Comingore
        ['agnes-moorehead', 'Mary Kane'], // Agnes Moorehead
      ),
      ...scoredBy('bernard-herrmann'), // Bernard Herrmann
    ],
  },
  {
    id: 'tt0034583',
    kind: 'movie',
    title: 'Casablanca',
    year: 1942,
    runtimeMinutes: 102,
    genres: ['Drama', 'Romance', 'War'],
    externalIds: { imdb: 'tt0034583', tmdb: '289', movielens: '912' },
    overview:
      'In wartime Morocco, a cynical American nightclub owner is forced to choose between his old love and helping her resistance-leader husband escape the Nazis.',
    tagline: 'A war, a café and one goodbye.',
    keywords: ['world war ii', 'nightclub', 'lost love', 'refugee', 'sacrifice'],
    popularity: 70,
    credits: [
      ...directedBy('nm0002031'), // Michael Curtiz
      ...writtenBy('julius-j-epstein', 'philip-g-epstein', 'howard-koch'), // Julius J. Epstein, Philip G. Epstein, Howard Koch
      ...starring(
        ['nm0000007', 'Rick Blaine'], // Humphrey Bogart
        ['nm0000006', 'Ilsa Lund'], // Ingrid Bergman
        ['paul-henreid', 'Victor Laszlo'], // Paul Henreid
        ['nm0001647', 'Captain Louis Renault'], // Claude Rains
      ),
      ...scoredBy('nm0000070'), // Max Steiner
    ],
  },
  {
    id: 'tt0042876',
    kind: 'movie',
    title: 'Rashomon',
    originalTitle: 'Rashômon',
    year: 1950,
    runtimeMinutes: 88,
    genres: ['Crime', 'Drama', 'Mystery'],
    externalIds: { imdb: 'tt0042876', tmdb: '548', movielens: '5291' },
    overview:
      'Sheltering from a storm, three men recount a killing in the forest as told by a bandit, a wife, a dead samurai and a woodcutter, and no two versions agree.',
    tagline: 'Four witnesses, four truths.',
    keywords: ['unreliable narrator', 'samurai', 'forest', 'trial', 'multiple perspectives'],
    popularity: 45,
    credits: [
      ...directedBy('nm0000041'), // Akira Kurosawa
      ...writtenBy('nm0000041', 'shinobu-hashimoto'), // Akira Kurosawa, Shinobu Hashimoto
      ...starring(
        ['nm0001536', 'Tajômaru'], // Toshirô Mifune
        ['machiko-kyo', 'Masako Kanazawa'], // Machiko Kyô
        ['masayuki-mori', 'Takehiro Kanazawa'], // Masayuki Mori
        ['takashi-shimura', 'Woodcutter'], // Takashi Shimura
      ),
    ],
  },
  {
    id: 'tt0047396',
    kind: 'movie',
    title: 'Rear Window',
    year: 1954,
    runtimeMinutes: 112,
    genres: ['Mystery', 'Thriller'],
    externalIds: { imdb: 'tt0047396', tmdb: '567', movielens: '904' },
    overview:
      'Stuck in his apartment with a broken leg, a photographer passes the time watching his neighbors and becomes convinced that one of them has committed murder.',
    tagline: "Everyone is somebody else's view.",
    keywords: ['voyeurism', 'apartment', 'murder', 'photographer', 'suspense'],
    popularity: 58,
    credits: [
      ...directedBy('nm0000033'), // Alfred Hitchcock
      ...writtenBy('john-michael-hayes'), // John Michael Hayes
      ...starring(
        ['nm0000071', "L.B. 'Jeff' Jefferies"], // James Stewart
        ['nm0000038', 'Lisa Carol Fremont'], // Grace Kelly
        ['wendell-corey', 'Det. Lt. Thomas J. Doyle'], // Wendell Corey
        ['thelma-ritter', 'Stella'], // Thelma Ritter
      ),
    ],
  },
  {
    id: 'tt0047478',
    kind: 'movie',
    title: 'Seven Samurai',
    originalTitle: 'Shichinin no samurai',
    year: 1954,
    runtimeMinutes: 207,
    genres: ['Action', 'Adventure', 'Drama'],
    externalIds: { imdb: 'tt0047478', tmdb: '346', movielens: '2019' },
    overview:
      'A poor farming village hires a handful of masterless samurai to defend it from bandits, and the warriors and villagers learn to fight, and live, side by side.',
    tagline: 'Seven swords for one village.',
    keywords: ['samurai', 'village', 'bandit', 'siege', 'feudal japan'],
    popularity: 60,
    credits: [
      ...directedBy('nm0000041'), // Akira Kurosawa
      ...writtenBy('nm0000041', 'shinobu-hashimoto', 'hideo-oguni'), // Akira Kurosawa, Shinobu Hashimoto, Hideo Oguni
      ...starring(
        ['nm0001536', 'Kikuchiyo'], // Toshirô Mifune
        ['takashi-shimura', 'Kambei Shimada'], // Takashi Shimura
        ['keiko-tsushima', 'Shino'], // Keiko Tsushima
      ),
    ],
  },
  {
    id: 'tt0052357',
    kind: 'movie',
    title: 'Vertigo',
    year: 1958,
    runtimeMinutes: 128,
    genres: ['Mystery', 'Romance', 'Thriller'],
    externalIds: { imdb: 'tt0052357', tmdb: '426', movielens: '903' },
    overview:
      "A retired San Francisco detective with a fear of heights is hired to follow an old friend's wife and slides into an obsession that outlives her.",
    tagline: 'Falling is the easy part.',
    keywords: ['obsession', 'acrophobia', 'san francisco', 'detective', 'double identity'],
    popularity: 56,
    credits: [
      ...directedBy('nm0000033'), // Alfred Hitchcock
      ...writtenBy('alec-coppel', 'samuel-a-taylor'), // Alec Coppel, Samuel A. Taylor
      ...starring(
        ['nm0000071', "John 'Scottie' Ferguson"], // James Stewart
        ['kim-novak', 'Madeleine Elster', 'Judy Barton'], // Kim Novak
        ['barbara-bel-geddes', 'Midge Wood'], // Barbara Bel Geddes
        ['tom-helmore', 'Gavin Elster'], // Tom Helmore
      ),
      ...scoredBy('bernard-herrmann'), // Bernard Herrmann
    ],
  },
  {
    id: 'tt0053291',
    kind: 'movie',
    title: 'Some Like It Hot',
    year: 1959,
    runtimeMinutes: 121,
    genres: ['Comedy', 'Music', 'Romance'],
    externalIds: { imdb: 'tt0053291', tmdb: '239', movielens: '910' },
    overview:
      'Two broke jazz musicians who witness a gangland killing in Chicago escape by disguising themselves as women in an all-female band bound for Florida.',
    tagline: 'Two musicians, one disguise, no way to drop it.',
    keywords: ['cross dressing', 'jazz band', 'gangster', 'prohibition', 'florida'],
    popularity: 50,
    credits: [
      ...directedBy('nm0000697'), // Billy Wilder
      ...writtenBy('nm0000697', 'i-a-l-diamond'), // Billy Wilder, I.A.L. Diamond
      ...starring(
        ['nm0000054', 'Sugar Kane Kowalczyk'], // Marilyn Monroe
        ['tony-curtis', 'Joe', 'Josephine'], // Tony Curtis
        ['nm0000493', 'Jerry', 'Daphne'], // Jack Lemmon
        ['george-raft', 'Spats Colombo'], // George Raft
      ),
    ],
  },
  {
    id: 'tt0054215',
    kind: 'movie',
    title: 'Psycho',
    year: 1960,
    runtimeMinutes: 109,
    genres: ['Horror', 'Mystery', 'Thriller'],
    externalIds: { imdb: 'tt0054215', tmdb: '539', movielens: '1219' },
    overview:
      'A secretary on the run with stolen cash stops for the night at a remote motel run by a shy young man devoted to his mother.',
    tagline: 'Check in. Think twice about checking out.',
    keywords: ['motel', 'stolen money', 'split personality', 'shower', 'mother son relationship'],
    popularity: 64,
    credits: [
      ...directedBy('nm0000033'), // Alfred Hitchcock
      ...writtenBy('joseph-stefano'), // Joseph Stefano
      ...starring(
        ['nm0000578', 'Norman Bates'], // Anthony Perkins
        ['vera-miles', 'Lila Crane'], // Vera Miles
        ['john-gavin', 'Sam Loomis'], // John Gavin
        ['nm0001463', 'Marion Crane'], // Janet Leigh
      ),
      ...scoredBy('bernard-herrmann'), // Bernard Herrmann
    ],
  },
  {
    id: 'tt0057012',
    kind: 'movie',
    title: 'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb',
    year: 1964,
    runtimeMinutes: 95,
    genres: ['Comedy', 'War'],
    externalIds: { imdb: 'tt0057012', tmdb: '935', movielens: '750' },
    overview:
      'When a deranged general launches a nuclear strike on the Soviet Union, the president, his advisers and one stubborn bomber crew stumble toward the end of the world.',
    tagline: 'The end of the world, played for laughs.',
    keywords: ['nuclear war', 'cold war', 'satire', 'war room', 'doomsday device'],
    popularity: 55,
    credits: [
      ...directedBy('nm0000040'), // Stanley Kubrick
      ...writtenBy('nm0000040', 'terry-southern', 'peter-george'), // Stanley Kubrick, Terry Southern, Peter George
      ...starring(
        ['nm0000634', 'Group Capt. Lionel Mandrake', 'President Merkin Muffley', 'Dr. Strangelove'], // Peter Sellers
        ['nm0001715', "Gen. 'Buck' Turgidson"], // George C. Scott
        ['nm0001330', 'Brig. Gen. Jack D. Ripper'], // Sterling Hayden
        ['slim-pickens', "Maj. T.J. 'King' Kong"], // Slim Pickens
      ),
    ],
  },
  {
    id: 'tt0060196',
    kind: 'movie',
    title: 'The Good, the Bad and the Ugly',
    originalTitle: 'Il buono, il brutto, il cattivo',
    year: 1966,
    runtimeMinutes: 161,
    genres: ['Western'],
    externalIds: { imdb: 'tt0060196', tmdb: '429', movielens: '1201' },
    overview:
      'Against the backdrop of the American Civil War, three gunslingers of very different morals race and betray one another to reach a cache of buried Confederate gold.',
    tagline: 'Three men, one grave, a fortune in gold.',
    keywords: ['spaghetti western', 'bounty hunter', 'civil war', 'buried treasure', 'standoff'],
    popularity: 66,
    credits: [
      ...directedBy('nm0001466'), // Sergio Leone
      ...writtenBy('nm0001466', 'luciano-vincenzoni'), // Sergio Leone, Luciano Vincenzoni
      ...starring(
        ['nm0000142', 'Blondie'], // Clint Eastwood
        ['nm0908919', 'Tuco'], // Eli Wallach
        ['nm0001812', 'Sentenza', 'Angel Eyes'], // Lee Van Cleef
      ),
      ...scoredBy('ennio-morricone'), // Ennio Morricone
    ],
  },
  {
    id: 'tt0062622',
    kind: 'movie',
    title: '2001: A Space Odyssey',
    year: 1968,
    runtimeMinutes: 149,
    genres: ['Adventure', 'Sci-Fi'],
    externalIds: { imdb: 'tt0062622', tmdb: '62', movielens: '924' },
    overview:
      "A mysterious black monolith guides humanity from its first tools to a mission toward Jupiter, where the crew's calm, all-seeing computer begins to act on its own judgment.",
    tagline: 'The next step is a long way up.',
    keywords: ['artificial intelligence', 'space travel', 'monolith', 'evolution', 'jupiter'],
    popularity: 68,
    credits: [
      ...directedBy('nm0000040'), // Stanley Kubrick
      ...writtenBy('nm0000040', 'nm0002009'), // Stanley Kubrick, Arthur C. Clarke
      ...starring(
        ['keir-dullea', 'Dr. Dave Bowman'], // Keir Dullea
        ['gary-lockwood', 'Dr. Frank Poole'], // Gary Lockwood
        ['william-sylvester', 'Dr. Heywood R. Floyd'], // William Sylvester
        ['douglas-rain', 'HAL 9000'], // Douglas Rain
      ),
    ],
  },
  {
    id: 'tt0064116',
    kind: 'movie',
    title: 'Once Upon a Time in the West',
    originalTitle: "C'era una volta il West",
    year: 1968,
    runtimeMinutes: 165,
    genres: ['Western'],
    externalIds: { imdb: 'tt0064116', tmdb: '335', movielens: '1209' },
    overview:
      'A widow newly arrived in a frontier town is caught between a ruthless hired gun working for a railroad baron and a harmonica-playing stranger with a score to settle.',
    tagline: 'The railroad is coming, and so is he.',
    keywords: ['spaghetti western', 'railroad', 'revenge', 'widow', 'harmonica'],
    popularity: 52,
    credits: [
      ...directedBy('nm0001466'), // Sergio Leone
      ...writtenBy('nm0001466'), // Sergio Leone
      ...starring(
        ['nm0000020', 'Frank'], // Henry Fonda
        ['charles-bronson', 'Harmonica'], // Charles Bronson
        ['nm0001012', 'Jill McBain'], // Claudia Cardinale
        ['nm0001673', 'Cheyenne'], // Jason Robards
      ),
      ...scoredBy('ennio-morricone'), // Ennio Morricone
    ],
  },
];

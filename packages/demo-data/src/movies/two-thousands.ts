import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films released in the 2000s. */
export const twoThousandsMovies: readonly DemoMovie[] = [
  {
    id: 'tt0172495',
    kind: 'movie',
    title: 'Gladiator',
    year: 2000,
    runtimeMinutes: 155,
    genres: ['Action', 'Adventure', 'Drama'],
    externalIds: { imdb: 'tt0172495', tmdb: '98', movielens: '3578' },
    overview:
      "Betrayed by the emperor's jealous son and sold into slavery, a Roman general fights his way through the arenas toward Rome and revenge.",
    tagline: 'A general lost his name, not his purpose.',
    keywords: ['ancient rome', 'gladiator', 'revenge', 'emperor', 'arena'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000631'), // Ridley Scott
      ...writtenBy('david-franzoni', 'john-logan', 'william-nicholson'), // David Franzoni, John Logan, William Nicholson
      ...starring(
        ['nm0000128', 'Maximus'], // Russell Crowe
        ['nm0001618', 'Commodus'], // Joaquin Phoenix
        ['connie-nielsen', 'Lucilla'], // Connie Nielsen
        ['oliver-reed', 'Proximo'], // Oliver Reed
        ['nm0001321', 'Marcus Aurelius'], // Richard Harris
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt0209144',
    kind: 'movie',
    title: 'Memento',
    year: 2000,
    runtimeMinutes: 113,
    genres: ['Mystery', 'Thriller'],
    externalIds: { imdb: 'tt0209144', tmdb: '77', movielens: '4226' },
    overview:
      "Unable to form new memories, a man hunts his wife's killer using tattoos, notes and photographs, in a story told backwards.",
    tagline: 'Remember to check the notes.',
    keywords: ['amnesia', 'reverse chronology', 'revenge', 'tattoo', 'polaroid'],
    popularity: 70,
    credits: [
      ...directedBy('nm0634240'), // Christopher Nolan
      ...writtenBy('nm0634240', 'nm0634300'), // Christopher Nolan, Jonathan Nolan
      ...starring(
        ['nm0001602', 'Leonard'], // Guy Pearce
        ['nm0005251', 'Natalie'], // Carrie-Anne Moss
        ['nm0001592', 'Teddy'], // Joe Pantoliano
      ),
    ],
  },
  {
    id: 'tt0211915',
    kind: 'movie',
    title: 'Amélie',
    originalTitle: "Le fabuleux destin d'Amélie Poulain",
    year: 2001,
    runtimeMinutes: 122,
    genres: ['Comedy', 'Romance'],
    externalIds: { imdb: 'tt0211915', tmdb: '194', movielens: '4973' },
    overview:
      'A shy Parisian waitress decides to secretly improve the lives of the people around her, while struggling to find the courage to pursue her own happiness.',
    tagline: 'Small kindnesses, carefully plotted.',
    keywords: ['paris', 'whimsy', 'loneliness', 'matchmaking', 'photo booth'],
    popularity: 70,
    credits: [
      ...directedBy('nm0000466'), // Jean-Pierre Jeunet
      ...writtenBy('guillaume-laurant', 'nm0000466'), // Guillaume Laurant, Jean-Pierre Jeunet
      ...starring(
        ['nm0851582', 'Amélie Poulain'], // Audrey Tautou
        ['nm0440913', 'Nino Quincampoix'], // Mathieu Kassovitz
        ['rufus', 'Raphaël Poulain'], // Rufus
        ['yolande-moreau', 'Madeleine Wallace'], // Yolande Moreau
      ),
      ...scoredBy('yann-tiersen'), // Yann Tiersen
    ],
  },
  {
    id: 'tt0245429',
    kind: 'movie',
    title: 'Spirited Away',
    originalTitle: 'Sen to Chihiro no kamikakushi',
    year: 2001,
    runtimeMinutes: 125,
    genres: ['Animation', 'Adventure', 'Family'],
    externalIds: { imdb: 'tt0245429', tmdb: '129', movielens: '5618' },
    overview:
      'When her parents are turned into pigs, a sullen ten-year-old must work in a bathhouse for spirits run by a witch to find a way to free them and get home.',
    tagline: 'Do not forget your name.',
    keywords: ['spirit world', 'bathhouse', 'witch', 'coming of age', 'anime'],
    popularity: 84,
    credits: [
      ...directedBy('nm0594503'), // Hayao Miyazaki
      ...writtenBy('nm0594503'), // Hayao Miyazaki
      ...starring(
        ['rumi-hiiragi', 'Chihiro Ogino'], // Rumi Hiiragi
        ['miyu-irino', 'Haku'], // Miyu Irino
        ['mari-natsuki', 'Yubaba', 'Zeniba'], // Mari Natsuki
      ),
      ...scoredBy('joe-hisaishi'), // Joe Hisaishi
    ],
  },
  {
    id: 'tt0120737',
    kind: 'movie',
    title: 'The Lord of the Rings: The Fellowship of the Ring',
    year: 2001,
    runtimeMinutes: 178,
    genres: ['Action', 'Adventure', 'Drama', 'Fantasy'],
    externalIds: { imdb: 'tt0120737', tmdb: '120', movielens: '4993' },
    overview:
      'A young hobbit inherits a ring of terrible power and sets out with eight companions to carry it across Middle-earth to the one place it can be destroyed.',
    tagline: 'The smallest bearer, the heaviest burden.',
    keywords: ['hobbit', 'magic ring', 'quest', 'wizard', 'based on novel'],
    popularity: 88,
    credits: [
      ...directedBy('nm0001392'), // Peter Jackson
      ...writtenBy('fran-walsh', 'philippa-boyens', 'nm0001392'), // Fran Walsh, Philippa Boyens, Peter Jackson
      ...starring(
        ['nm0000704', 'Frodo Baggins'], // Elijah Wood
        ['nm0005212', 'Gandalf'], // Ian McKellen
        ['nm0001557', 'Aragorn'], // Viggo Mortensen
        ['nm0000293', 'Boromir'], // Sean Bean
        ['nm0089217', 'Legolas'], // Orlando Bloom
      ),
      ...scoredBy('howard-shore'), // Howard Shore
    ],
  },
  {
    id: 'tt0338013',
    kind: 'movie',
    title: 'Eternal Sunshine of the Spotless Mind',
    year: 2004,
    runtimeMinutes: 108,
    genres: ['Drama', 'Romance', 'Sci-Fi'],
    externalIds: { imdb: 'tt0338013', tmdb: '38', movielens: '7361' },
    overview:
      'After learning his ex-girlfriend had him erased from her memory, a heartbroken man undergoes the same procedure, and changes his mind halfway through.',
    tagline: 'Some memories fight back.',
    keywords: ['memory erasure', 'breakup', 'nonlinear timeline', 'relationship', 'surreal'],
    popularity: 70,
    credits: [
      ...directedBy('nm0327273'), // Michel Gondry
      ...writtenBy('charlie-kaufman', 'nm0327273', 'pierre-bismuth'), // Charlie Kaufman, Michel Gondry, Pierre Bismuth
      ...starring(
        ['nm0000120', 'Joel Barish'], // Jim Carrey
        ['nm0000701', 'Clementine Kruczynski'], // Kate Winslet
        ['nm0929489', 'Dr. Howard Mierzwiak'], // Tom Wilkinson
        ['nm0000379', 'Mary'], // Kirsten Dunst
        ['nm0749263', 'Stan'], // Mark Ruffalo
      ),
    ],
  },
  {
    id: 'tt0206634',
    kind: 'movie',
    title: 'Children of Men',
    year: 2006,
    runtimeMinutes: 109,
    genres: ['Adventure', 'Drama', 'Sci-Fi'],
    externalIds: { imdb: 'tt0206634', tmdb: '9693', movielens: '48774' },
    overview:
      'In a Britain collapsing after eighteen years without a single birth, a disillusioned former activist agrees to escort a young woman who is miraculously pregnant.',
    tagline: 'One birth could change everything.',
    keywords: ['infertility', 'dystopia', 'refugee', 'escort mission', 'long take'],
    popularity: 62,
    credits: [
      ...directedBy('nm0190859'), // Alfonso Cuarón
      ...writtenBy('nm0190859'), // Alfonso Cuarón
      ...starring(
        ['nm0654110', 'Theo Faron'], // Clive Owen
        ['nm0000194', 'Julian Taylor'], // Julianne Moore
        ['nm0000323', 'Jasper Palmer'], // Michael Caine
        ['nm0252230', 'Luke'], // Chiwetel Ejiofor
      ),
    ],
  },
  {
    id: 'tt0407887',
    kind: 'movie',
    title: 'The Departed',
    year: 2006,
    runtimeMinutes: 151,
    genres: ['Crime', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt0407887', tmdb: '1422', movielens: '48516' },
    overview:
      "An undercover cop inside Boston's Irish mob and a mob mole inside the state police race to expose each other before their own covers are blown.",
    tagline: 'Two rats, one trap.',
    keywords: ['undercover cop', 'mole', 'boston', 'irish mob', 'double life'],
    popularity: 80,
    credits: [
      ...directedBy('nm0000217'), // Martin Scorsese
      ...writtenBy('william-monahan'), // William Monahan
      ...starring(
        ['nm0000138', 'Billy Costigan'], // Leonardo DiCaprio
        ['nm0000354', 'Colin Sullivan'], // Matt Damon
        ['nm0000197', 'Frank Costello'], // Jack Nicholson
        ['nm0000242', 'Dignam'], // Mark Wahlberg
        ['nm0000640', 'Queenan'], // Martin Sheen
      ),
      ...scoredBy('howard-shore'), // Howard Shore
    ],
  },
  {
    id: 'tt0482571',
    kind: 'movie',
    title: 'The Prestige',
    year: 2006,
    runtimeMinutes: 130,
    genres: ['Drama', 'Mystery', 'Sci-Fi'],
    externalIds: { imdb: 'tt0482571', tmdb: '1124', movielens: '48780' },
    overview:
      'In Victorian London, two rival stage magicians escalate a bitter contest to build the ultimate illusion, at a growing cost to everyone around them.',
    tagline: 'Every trick has a price.',
    keywords: ['magician', 'rivalry', 'victorian london', 'obsession', 'nikola tesla'],
    popularity: 76,
    credits: [
      ...directedBy('nm0634240'), // Christopher Nolan
      ...writtenBy('nm0634300', 'nm0634240'), // Jonathan Nolan, Christopher Nolan
      ...starring(
        ['nm0413168', 'Robert Angier'], // Hugh Jackman
        ['nm0000288', 'Alfred Borden'], // Christian Bale
        ['nm0000323', 'Cutter'], // Michael Caine
        ['nm0424060', 'Olivia Wenscombe'], // Scarlett Johansson
        ['nm0000309', 'Tesla'], // David Bowie
      ),
    ],
  },
  {
    id: 'tt0477348',
    kind: 'movie',
    title: 'No Country for Old Men',
    year: 2007,
    runtimeMinutes: 122,
    genres: ['Crime', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt0477348', tmdb: '6977', movielens: '55820' },
    overview:
      'A Texas hunter who stumbles on a drug deal gone wrong takes the money, and an implacable hitman and an aging sheriff follow his trail.',
    tagline: 'The money was never the dangerous part.',
    keywords: ['texas', 'hitman', 'drug money', 'sheriff', 'based on novel'],
    popularity: 72,
    credits: [
      ...directedBy('nm0001053', 'nm0001054'), // Ethan Coen, Joel Coen
      ...writtenBy('nm0001054', 'nm0001053'), // Joel Coen, Ethan Coen
      ...starring(
        ['nm0000169', 'Ed Tom Bell'], // Tommy Lee Jones
        ['nm0000849', 'Anton Chigurh'], // Javier Bardem
        ['nm0000982', 'Llewelyn Moss'], // Josh Brolin
        ['nm0000437', 'Carson Wells'], // Woody Harrelson
      ),
      ...scoredBy('carter-burwell'), // Carter Burwell
    ],
  },
  {
    id: 'tt0468569',
    kind: 'movie',
    title: 'The Dark Knight',
    year: 2008,
    runtimeMinutes: 152,
    genres: ['Action', 'Crime', 'Drama'],
    externalIds: { imdb: 'tt0468569', tmdb: '155', movielens: '58559' },
    overview:
      "Batman, a police lieutenant and a crusading district attorney set out to dismantle Gotham's mobs, until an anarchic criminal calling himself the Joker pushes the city to the edge.",
    tagline: 'Chaos needs no reason.',
    keywords: ['superhero', 'vigilante', 'joker', 'gotham', 'moral dilemma'],
    popularity: 94,
    credits: [
      ...directedBy('nm0634240'), // Christopher Nolan
      ...writtenBy('nm0634300', 'nm0634240'), // Jonathan Nolan, Christopher Nolan
      ...starring(
        ['nm0000288', 'Bruce Wayne'], // Christian Bale
        ['nm0005132', 'Joker'], // Heath Ledger
        ['nm0001173', 'Harvey Dent'], // Aaron Eckhart
        ['nm0000323', 'Alfred'], // Michael Caine
        ['nm0000198', 'Gordon'], // Gary Oldman
        ['nm0350454', 'Rachel'], // Maggie Gyllenhaal
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt0910970',
    kind: 'movie',
    title: 'WALL·E',
    year: 2008,
    runtimeMinutes: 98,
    genres: ['Animation', 'Adventure', 'Family', 'Sci-Fi'],
    externalIds: { imdb: 'tt0910970', tmdb: '10681', movielens: '60069' },
    overview:
      'Centuries after humans abandoned a trash-covered Earth, a lonely waste-compacting robot falls for a sleek probe droid and follows her across the galaxy.',
    tagline: 'The last one left on Earth still has work to do.',
    keywords: ['robot', 'environment', 'space', 'love', 'consumerism'],
    popularity: 78,
    credits: [
      ...directedBy('nm0004056'), // Andrew Stanton
      ...writtenBy('nm0004056', 'jim-reardon'), // Andrew Stanton, Jim Reardon
      ...starring(
        ['ben-burtt', 'WALL·E'], // Ben Burtt
        ['elissa-knight', 'EVE'], // Elissa Knight
        ['jeff-garlin', 'Captain'], // Jeff Garlin
        ['fred-willard', 'Shelby Forthright'], // Fred Willard
        ['nm0000244', "Ship's Computer"], // Sigourney Weaver
      ),
      ...scoredBy('nm0002353'), // Thomas Newman
    ],
  },
  {
    id: 'tt1049413',
    kind: 'movie',
    title: 'Up',
    year: 2009,
    runtimeMinutes: 96,
    genres: ['Animation', 'Adventure', 'Comedy'],
    externalIds: { imdb: 'tt1049413', tmdb: '14160', movielens: '68954' },
    overview:
      'A grieving widower ties thousands of balloons to his house to fly to South America, not realizing an eager young wilderness scout has stowed away on the porch.',
    tagline: 'It is never too late for an adventure.',
    keywords: ['balloon', 'old age', 'grief', 'south america', 'talking dog'],
    popularity: 74,
    credits: [
      ...directedBy('nm0230032', 'bob-peterson'), // Pete Docter, Bob Peterson
      ...writtenBy('bob-peterson', 'nm0230032'), // Bob Peterson, Pete Docter
      ...starring(
        ['edward-asner', 'Carl Fredricksen'], // Edward Asner
        ['jordan-nagai', 'Russell'], // Jordan Nagai
        ['nm0001626', 'Charles Muntz'], // Christopher Plummer
        ['bob-peterson', 'Dug', 'Alpha'], // Bob Peterson
      ),
      ...scoredBy('nm0315974'), // Michael Giacchino
    ],
  },
];

import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films released from 2010 on. */
export const recentMovies: readonly DemoMovie[] = [
  {
    id: 'tt1375666',
    kind: 'movie',
    title: 'Inception',
    year: 2010,
    runtimeMinutes: 148,
    genres: ['Action', 'Adventure', 'Sci-Fi'],
    externalIds: { imdb: 'tt1375666', tmdb: '27205', movielens: '79132' },
    overview:
      "A thief who steals secrets from people's dreams is offered a way home if his team can do the reverse: plant an idea deep in a target's subconscious.",
    tagline: 'The hardest thing to steal is something you plant.',
    keywords: ['dream', 'heist', 'subconscious', 'layered reality', 'spinning top'],
    popularity: 92,
    credits: [
      ...directedBy('nm0634240'), // Christopher Nolan
      ...writtenBy('nm0634240'), // Christopher Nolan
      ...starring(
        ['nm0000138', 'Cobb'], // Leonardo DiCaprio
        ['nm0330687', 'Arthur'], // Joseph Gordon-Levitt
        ['nm0680983', 'Ariadne'], // Elliot Page
        ['nm0362766', 'Eames'], // Tom Hardy
        ['nm0913822', 'Saito'], // Ken Watanabe
        ['nm0614165', 'Robert Fischer'], // Cillian Murphy
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt1798709',
    kind: 'movie',
    title: 'Her',
    year: 2013,
    runtimeMinutes: 126,
    genres: ['Drama', 'Romance', 'Sci-Fi'],
    externalIds: { imdb: 'tt1798709', tmdb: '152601', movielens: '106920' },
    overview:
      'In near-future Los Angeles, a lonely writer of personal letters for strangers falls in love with the evolving artificial intelligence in his operating system.',
    tagline: 'A voice that understands him, perhaps too well.',
    keywords: ['artificial intelligence', 'loneliness', 'near future', 'operating system', 'love'],
    popularity: 64,
    credits: [
      ...directedBy('nm0005069'), // Spike Jonze
      ...writtenBy('nm0005069'), // Spike Jonze
      ...starring(
        ['nm0001618', 'Theodore'], // Joaquin Phoenix
        ['nm0010736', 'Amy'], // Amy Adams
        ['nm0424060', 'Samantha'], // Scarlett Johansson
        ['nm1913734', 'Catherine'], // Rooney Mara
      ),
    ],
  },
  {
    id: 'tt0470752',
    kind: 'movie',
    title: 'Ex Machina',
    year: 2014,
    runtimeMinutes: 108,
    genres: ['Drama', 'Sci-Fi', 'Thriller'],
    externalIds: { imdb: 'tt0470752', tmdb: '264660', movielens: '115713' },
    overview:
      "A young programmer is invited to a reclusive tech founder's remote estate to judge whether his humanoid robot is truly conscious.",
    tagline: 'The test has two subjects.',
    keywords: ['artificial intelligence', 'turing test', 'android', 'isolation', 'manipulation'],
    popularity: 68,
    credits: [
      ...directedBy('nm0307497'), // Alex Garland
      ...writtenBy('nm0307497'), // Alex Garland
      ...starring(
        ['nm1727304', 'Caleb'], // Domhnall Gleeson
        ['nm2539953', 'Ava'], // Alicia Vikander
        ['nm1209966', 'Nathan'], // Oscar Isaac
        ['sonoya-mizuno', 'Kyoko'], // Sonoya Mizuno
      ),
    ],
  },
  {
    id: 'tt0816692',
    kind: 'movie',
    title: 'Interstellar',
    year: 2014,
    runtimeMinutes: 169,
    genres: ['Adventure', 'Drama', 'Sci-Fi'],
    externalIds: { imdb: 'tt0816692', tmdb: '157336', movielens: '109487' },
    overview:
      'With crops failing and Earth becoming uninhabitable, a former pilot leaves his children behind to lead an expedition through a wormhole in search of a new home.',
    tagline: 'Humanity leaves the cradle.',
    keywords: [
      'space travel',
      'wormhole',
      'black hole',
      'time dilation',
      'father daughter relationship',
    ],
    popularity: 92,
    credits: [
      ...directedBy('nm0634240'), // Christopher Nolan
      ...writtenBy('nm0634300', 'nm0634240'), // Jonathan Nolan, Christopher Nolan
      ...starring(
        ['nm0000190', 'Cooper'], // Matthew McConaughey
        ['nm0004266', 'Brand'], // Anne Hathaway
        ['nm1567113', 'Murph'], // Jessica Chastain
        ['nm0000323', 'Professor Brand'], // Michael Caine
        ['nm0000354', 'Dr. Mann'], // Matt Damon
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt2911666',
    kind: 'movie',
    title: 'John Wick',
    year: 2014,
    runtimeMinutes: 101,
    genres: ['Action', 'Crime', 'Thriller'],
    externalIds: { imdb: 'tt2911666', tmdb: '245891', movielens: '115149' },
    overview:
      "A retired hitman comes out of grief-stricken seclusion to take revenge on the mobster's son who stole his car and killed the dog his late wife left him.",
    tagline: 'They took the wrong dog.',
    keywords: ['hitman', 'revenge', 'russian mob', 'dog', 'assassin hotel'],
    popularity: 70,
    credits: [
      ...directedBy('nm0821432'), // Chad Stahelski
      ...writtenBy('derek-kolstad'), // Derek Kolstad
      ...starring(
        ['nm0000206', 'John Wick'], // Keanu Reeves
        ['michael-nyqvist', 'Viggo Tarasov'], // Michael Nyqvist
        ['alfie-allen', 'Iosef Tarasov'], // Alfie Allen
        ['nm0000353', 'Marcus'], // Willem Dafoe
        ['nm0574534', 'Winston'], // Ian McShane
      ),
    ],
  },
  {
    id: 'tt1392190',
    kind: 'movie',
    title: 'Mad Max: Fury Road',
    year: 2015,
    runtimeMinutes: 120,
    genres: ['Action', 'Adventure', 'Sci-Fi'],
    externalIds: { imdb: 'tt1392190', tmdb: '76341', movielens: '122882' },
    overview:
      "In a desert wasteland, a rebel warrior smuggles a tyrant's captive wives across the desert in a war rig, with a haunted drifter reluctantly along for the ride.",
    tagline: 'The road out is the road back.',
    keywords: ['post-apocalypse', 'desert', 'car chase', 'warlord', 'escape'],
    popularity: 82,
    credits: [
      ...directedBy('nm0004306'), // George Miller
      ...writtenBy('nm0004306', 'brendan-mccarthy', 'nico-lathouris'), // George Miller, Brendan McCarthy, Nico Lathouris
      ...starring(
        ['nm0362766', 'Max Rockatansky'], // Tom Hardy
        ['nm0000234', 'Imperator Furiosa'], // Charlize Theron
        ['nm0396558', 'Nux'], // Nicholas Hoult
        ['hugh-keays-byrne', 'Immortan Joe'], // Hugh Keays-Byrne
      ),
    ],
  },
  {
    id: 'tt3659388',
    kind: 'movie',
    title: 'The Martian',
    year: 2015,
    runtimeMinutes: 144,
    genres: ['Adventure', 'Drama', 'Sci-Fi'],
    externalIds: { imdb: 'tt3659388', tmdb: '286217', movielens: '134130' },
    overview:
      'Left for dead on Mars after a storm forces his crew to evacuate, a botanist-astronaut has to improvise his way through more than a year of survival until rescue can arrive.',
    tagline: 'Grow food, do the math, hold on.',
    keywords: ['mars', 'astronaut', 'survival', 'botany', 'rescue mission', 'based on novel'],
    popularity: 76,
    credits: [
      ...directedBy('nm0000631'), // Ridley Scott
      ...writtenBy('drew-goddard'), // Drew Goddard
      ...starring(
        ['nm0000354', 'Mark Watney'], // Matt Damon
        ['nm1567113', 'Melissa Lewis'], // Jessica Chastain
        ['nm1325419', 'Annie Montrose'], // Kristen Wiig
        ['nm0001099', 'Teddy Sanders'], // Jeff Daniels
        ['nm0252230', 'Vincent Kapoor'], // Chiwetel Ejiofor
      ),
    ],
  },
  {
    id: 'tt2543164',
    kind: 'movie',
    title: 'Arrival',
    year: 2016,
    runtimeMinutes: 116,
    genres: ['Drama', 'Sci-Fi'],
    externalIds: { imdb: 'tt2543164', tmdb: '329865', movielens: '164179' },
    overview:
      "When mysterious spacecraft touch down around the world, a linguist is recruited to learn the visitors' language, and it begins to change how she experiences time.",
    tagline: 'Every word is a door.',
    keywords: ['first contact', 'linguistics', 'alien language', 'time', 'based on short story'],
    popularity: 74,
    credits: [
      ...directedBy('nm0898288'), // Denis Villeneuve
      ...writtenBy('eric-heisserer'), // Eric Heisserer
      ...starring(
        ['nm0010736', 'Louise Banks'], // Amy Adams
        ['nm0719637', 'Ian Donnelly'], // Jeremy Renner
        ['nm0001845', 'Colonel Weber'], // Forest Whitaker
        ['nm0836121', 'Agent Halpern'], // Michael Stuhlbarg
      ),
      ...scoredBy('johann-johannsson'), // Jóhann Jóhannsson
    ],
  },
  {
    id: 'tt1856101',
    kind: 'movie',
    title: 'Blade Runner 2049',
    year: 2017,
    runtimeMinutes: 164,
    genres: ['Action', 'Drama', 'Mystery', 'Sci-Fi'],
    externalIds: { imdb: 'tt1856101', tmdb: '335984', movielens: '176371' },
    overview:
      'Thirty years after the events of the first film, a replicant blade runner unearths a buried secret that leads him to search for a long-missing former blade runner.',
    tagline: 'The past is buried under the ash.',
    keywords: ['replicant', 'dystopia', 'sequel', 'hologram', 'memory'],
    popularity: 74,
    credits: [
      ...directedBy('nm0898288'), // Denis Villeneuve
      ...writtenBy('hampton-fancher', 'michael-green'), // Hampton Fancher, Michael Green
      ...starring(
        ['nm0331516', 'K'], // Ryan Gosling
        ['nm0000148', 'Rick Deckard'], // Harrison Ford
        ['nm1869101', 'Joi'], // Ana de Armas
        ['nm0000705', 'Lieutenant Joshi'], // Robin Wright
        ['nm1176985', 'Sapper Morton'], // Dave Bautista
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt2380307',
    kind: 'movie',
    title: 'Coco',
    year: 2017,
    runtimeMinutes: 105,
    genres: ['Animation', 'Adventure', 'Family'],
    externalIds: { imdb: 'tt2380307', tmdb: '354912', movielens: '177765' },
    overview:
      'A music-loving Mexican boy from a family that has banned music crosses into the Land of the Dead on the Day of the Dead to find his great-great-grandfather.',
    tagline: 'Remember them, and they remain.',
    keywords: ['day of the dead', 'music', 'mexico', 'family', 'afterlife'],
    popularity: 72,
    credits: [
      ...directedBy('nm0881279'), // Lee Unkrich
      ...writtenBy('adrian-molina', 'matthew-aldrich'), // Adrian Molina, Matthew Aldrich
      ...starring(
        ['anthony-gonzalez', 'Miguel'], // Anthony Gonzalez
        ['nm0305558', 'Héctor'], // Gael García Bernal
        ['nm0000973', 'Ernesto de la Cruz'], // Benjamin Bratt
        ['alanna-ubach', 'Mamá Imelda'], // Alanna Ubach
      ),
      ...scoredBy('nm0315974'), // Michael Giacchino
    ],
  },
  {
    id: 'tt5052448',
    kind: 'movie',
    title: 'Get Out',
    year: 2017,
    runtimeMinutes: 104,
    genres: ['Horror', 'Mystery', 'Thriller'],
    externalIds: { imdb: 'tt5052448', tmdb: '419430', movielens: '168250' },
    overview:
      "A young Black photographer's weekend visit to his white girlfriend's family estate turns from awkward to sinister as their hospitality starts to feel like a trap.",
    tagline: 'Meeting the parents has never felt this wrong.',
    keywords: ['racism', 'hypnosis', "girlfriend's parents", 'social thriller', 'suburban estate'],
    popularity: 70,
    credits: [
      ...directedBy('nm1443502'), // Jordan Peele
      ...writtenBy('nm1443502'), // Jordan Peele
      ...starring(
        ['nm2257207', 'Chris Washington'], // Daniel Kaluuya
        ['allison-williams', 'Rose Armitage'], // Allison Williams
        ['bradley-whitford', 'Dean Armitage'], // Bradley Whitford
        ['nm0001416', 'Missy Armitage'], // Catherine Keener
      ),
    ],
  },
  {
    id: 'tt6751668',
    kind: 'movie',
    title: 'Parasite',
    originalTitle: 'Gisaengchung',
    year: 2019,
    runtimeMinutes: 132,
    genres: ['Comedy', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt6751668', tmdb: '496243' },
    overview:
      'A struggling family in a Seoul semi-basement cons its way, one job at a time, into the household of a wealthy family, until an unexpected discovery upends both.',
    tagline: 'Everyone needs a plan. Theirs has a basement.',
    keywords: ['class differences', 'con artist', 'seoul', 'basement', 'dark comedy'],
    popularity: 86,
    credits: [
      ...directedBy('nm0094435'), // Bong Joon Ho
      ...writtenBy('nm0094435', 'han-jin-won'), // Bong Joon Ho, Han Jin-won
      ...starring(
        ['nm0814280', 'Kim Ki-taek'], // Song Kang-ho
        ['lee-sun-kyun', 'Park Dong-ik'], // Lee Sun-kyun
        ['cho-yeo-jeong', 'Park Yeon-kyo'], // Cho Yeo-jeong
        ['choi-woo-shik', 'Kim Ki-woo'], // Choi Woo-shik
        ['park-so-dam', 'Kim Ki-jung'], // Park So-dam
      ),
    ],
  },
];

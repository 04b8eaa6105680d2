import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films released in the 1990s. */
export const ninetiesMovies: readonly DemoMovie[] = [
  {
    id: 'tt0099685',
    kind: 'movie',
    title: 'Goodfellas',
    year: 1990,
    runtimeMinutes: 146,
    genres: ['Biography', 'Crime', 'Drama'],
    externalIds: { imdb: 'tt0099685', tmdb: '769', movielens: '1213' },
    overview:
      'Over three decades, a kid from Brooklyn rises through the ranks of the mob alongside two volatile partners, until greed, drugs and paranoia bring it all down.',
    tagline: 'Three decades in the life, and the bill comes due.',
    keywords: ['mafia', 'true story', 'heist', 'informant', 'new york'],
    popularity: 84,
    credits: [
      ...directedBy('nm0000217'), // Martin Scorsese
      ...writtenBy('nicholas-pileggi', 'nm0000217'), // Nicholas Pileggi, Martin Scorsese
      ...starring(
        ['nm0000134', 'James Conway'], // Robert De Niro
        ['nm0000501', 'Henry Hill'], // Ray Liotta
        ['nm0000582', 'Tommy DeVito'], // Joe Pesci
        ['lorraine-bracco', 'Karen Hill'], // Lorraine Bracco
        ['paul-sorvino', 'Paul Cicero'], // Paul Sorvino
      ),
    ],
  },
  {
    id: 'tt0103064',
    kind: 'movie',
    title: 'Terminator 2: Judgment Day',
    year: 1991,
    runtimeMinutes: 137,
    genres: ['Action', 'Sci-Fi'],
    externalIds: { imdb: 'tt0103064', tmdb: '280', movielens: '589' },
    overview:
      'A reprogrammed Terminator is sent back to protect the young future leader of the human resistance from a shapeshifting liquid-metal killer.',
    tagline: 'Same machine, new orders.',
    keywords: ['cyborg', 'time travel', 'sequel', 'liquid metal', 'apocalypse'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000116'), // James Cameron
      ...writtenBy('nm0000116', 'william-wisher'), // James Cameron, William Wisher
      ...starring(
        ['nm0000216', 'The Terminator'], // Arnold Schwarzenegger
        ['nm0000157', 'Sarah Connor'], // Linda Hamilton
        ['edward-furlong', 'John Connor'], // Edward Furlong
        ['robert-patrick', 'T-1000'], // Robert Patrick
      ),
    ],
  },
  {
    id: 'tt0102926',
    kind: 'movie',
    title: 'The Silence of the Lambs',
    year: 1991,
    runtimeMinutes: 118,
    genres: ['Crime', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt0102926', tmdb: '274', movielens: '593' },
    overview:
      'An FBI trainee seeks the help of an imprisoned, brilliant psychiatrist and cannibal to catch a serial killer who is holding a young woman captive.',
    tagline: 'The best help in the building is behind glass.',
    keywords: ['serial killer', 'fbi', 'psychiatrist', 'cannibal', 'based on novel'],
    popularity: 80,
    credits: [
      ...directedBy('nm0001129'), // Jonathan Demme
      ...writtenBy('ted-tally'), // Ted Tally
      ...starring(
        ['nm0000149', 'Clarice Starling'], // Jodie Foster
        ['nm0000164', 'Dr. Hannibal Lecter'], // Anthony Hopkins
        ['nm0001277', 'Jack Crawford'], // Scott Glenn
        ['ted-levine', 'Jame Gumb'], // Ted Levine
      ),
      ...scoredBy('howard-shore'), // Howard Shore
    ],
  },
  {
    id: 'tt0107290',
    kind: 'movie',
    title: 'Jurassic Park',
    year: 1993,
    runtimeMinutes: 127,
    genres: ['Action', 'Adventure', 'Sci-Fi'],
    externalIds: { imdb: 'tt0107290', tmdb: '329', movielens: '480' },
    overview:
      'A billionaire invites experts to preview his island theme park of cloned dinosaurs, and a storm and a saboteur set the animals loose.',
    tagline: 'The exhibits are not staying in their pens.',
    keywords: ['dinosaur', 'cloning', 'theme park', 'island', 'based on novel'],
    popularity: 84,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('michael-crichton', 'david-koepp'), // Michael Crichton, David Koepp
      ...starring(
        ['nm0000554', 'Dr. Alan Grant'], // Sam Neill
        ['nm0000368', 'Dr. Ellie Sattler'], // Laura Dern
        ['nm0000156', 'Dr. Ian Malcolm'], // Jeff Goldblum
        ['nm0000277', 'John Hammond'], // Richard Attenborough
        ['nm0000168', 'Ray Arnold'], // Samuel L. Jackson
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0108052',
    kind: 'movie',
    title: "Schindler's List",
    year: 1993,
    runtimeMinutes: 195,
    genres: ['Biography', 'Drama', 'History'],
    externalIds: { imdb: 'tt0108052', tmdb: '424', movielens: '527' },
    overview:
      'An opportunistic German industrialist in occupied Poland gradually turns his factory into a refuge, saving more than a thousand Jewish workers from the Holocaust.',
    tagline: 'One list, eleven hundred lives.',
    keywords: ['holocaust', 'world war ii', 'true story', 'factory', 'black and white'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('steven-zaillian'), // Steven Zaillian
      ...starring(
        ['nm0000553', 'Oskar Schindler'], // Liam Neeson
        ['nm0001426', 'Itzhak Stern'], // Ben Kingsley
        ['nm0000146', 'Amon Goeth'], // Ralph Fiennes
        ['caroline-goodall', 'Emilie Schindler'], // Caroline Goodall
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0109830',
    kind: 'movie',
    title: 'Forrest Gump',
    year: 1994,
    runtimeMinutes: 142,
    genres: ['Drama', 'Romance'],
    externalIds: { imdb: 'tt0109830', tmdb: '13', movielens: '356' },
    overview:
      'A kind-hearted Alabama man with a low IQ drifts through decades of American history, always carrying a torch for his childhood friend Jenny.',
    tagline: 'He never planned to be part of history.',
    keywords: [
      'american history',
      'running',
      'vietnam war',
      'childhood sweetheart',
      'based on novel',
    ],
    popularity: 88,
    credits: [
      ...directedBy('nm0000709'), // Robert Zemeckis
      ...writtenBy('eric-roth'), // Eric Roth
      ...starring(
        ['nm0000158', 'Forrest Gump'], // Tom Hanks
        ['nm0000705', 'Jenny Curran'], // Robin Wright
        ['nm0000641', 'Lieutenant Dan Taylor'], // Gary Sinise
        ['nm0000398', 'Mrs. Gump'], // Sally Field
      ),
      ...scoredBy('alan-silvestri'), // Alan Silvestri
    ],
  },
  {
    id: 'tt0110912',
    kind: 'movie',
    title: 'Pulp Fiction',
    year: 1994,
    runtimeMinutes: 154,
    genres: ['Crime', 'Drama'],
    externalIds: { imdb: 'tt0110912', tmdb: '680', movielens: '296' },
    overview:
      "The intertwined stories of two hitmen, a boxer, a gangster's wife and a pair of diner robbers play out of order across a few days in Los Angeles.",
    tagline: 'Four stories, one very long day.',
    keywords: ['nonlinear timeline', 'hitman', 'boxer', 'los angeles', 'briefcase'],
    popularity: 90,
    credits: [
      ...directedBy('nm0000233'), // Quentin Tarantino
      ...writtenBy('nm0000233'), // Quentin Tarantino
      ...starring(
        ['nm0000237', 'Vincent Vega'], // John Travolta
        ['nm0000235', 'Mia Wallace'], // Uma Thurman
        ['nm0000168', 'Jules Winnfield'], // Samuel L. Jackson
        ['nm0000246', 'Butch Coolidge'], // Bruce Willis
        ['nm0000609', 'Marsellus Wallace'], // Ving Rhames
      ),
    ],
  },
  {
    id: 'tt0111257',
    kind: 'movie',
    title: 'Speed',
    year: 1994,
    runtimeMinutes: 116,
    genres: ['Action', 'Adventure', 'Thriller'],
    externalIds: { imdb: 'tt0111257', tmdb: '1637', movielens: '377' },
    overview:
      'A bomber rigs a Los Angeles city bus to explode if it drops below fifty miles an hour, and a young SWAT officer and a passenger at the wheel must keep it moving.',
    tagline: 'Slow down and everybody loses.',
    keywords: ['bus', 'bomb', 'los angeles', 'swat', 'hostage'],
    popularity: 60,
    credits: [
      ...directedBy('jan-de-bont'), // Jan de Bont
      ...writtenBy('graham-yost'), // Graham Yost
      ...starring(
        ['nm0000206', 'Jack Traven'], // Keanu Reeves
        ['nm0000454', 'Howard Payne'], // Dennis Hopper
        ['nm0000113', 'Annie Porter'], // Sandra Bullock
        ['nm0001099', 'Harry Temple'], // Jeff Daniels
      ),
    ],
  },
  {
    id: 'tt0110357',
    kind: 'movie',
    title: 'The Lion King',
    year: 1994,
    runtimeMinutes: 88,
    genres: ['Animation', 'Adventure', 'Drama'],
    externalIds: { imdb: 'tt0110357', tmdb: '8587', movielens: '364' },
    overview:
      "A lion cub flees his kingdom after his father's death, which his scheming uncle blames on him, and must grow up and return to claim his place.",
    tagline: 'Run away, grow up, come home.',
    keywords: ['lion', 'africa', 'coming of age', 'uncle', 'musical numbers'],
    popularity: 80,
    credits: [
      ...directedBy('roger-allers', 'rob-minkoff'), // Roger Allers, Rob Minkoff
      ...starring(
        ['nm0000111', 'Simba'], // Matthew Broderick
        ['nm0000460', 'Scar'], // Jeremy Irons
        ['nm0000469', 'Mufasa'], // James Earl Jones
        ['nathan-lane', 'Timon'], // Nathan Lane
      ),
      ...scoredBy('nm0001877'), // Hans Zimmer
    ],
  },
  {
    id: 'tt0111161',
    kind: 'movie',
    title: 'The Shawshank Redemption',
    year: 1994,
    runtimeMinutes: 142,
    genres: ['Drama'],
    externalIds: { imdb: 'tt0111161', tmdb: '278', movielens: '318' },
    overview:
      'Sentenced to life for a murder he says he did not commit, a quiet banker forms a lasting friendship in prison and quietly keeps hope alive for two decades.',
    tagline: 'Some walls are built to be outlasted.',
    keywords: ['prison', 'friendship', 'hope', 'escape', 'based on novella'],
    popularity: 95,
    credits: [
      ...directedBy('nm0001104'), // Frank Darabont
      ...writtenBy('nm0001104'), // Frank Darabont
      ...starring(
        ['nm0000209', 'Andy Dufresne'], // Tim Robbins
        ['nm0000151', "Ellis Boyd 'Red' Redding"], // Morgan Freeman
        ['nm0348409', 'Warden Norton'], // Bob Gunton
        ['nm0006669', 'Heywood'], // William Sadler
      ),
      ...scoredBy('nm0002353'), // Thomas Newman
    ],
  },
  {
    id: 'tt0113277',
    kind: 'movie',
    title: 'Heat',
    year: 1995,
    runtimeMinutes: 170,
    genres: ['Crime', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt0113277', tmdb: '949', movielens: '6' },
    overview:
      'A meticulous professional thief plans one last score in Los Angeles while an obsessive police lieutenant closes in, and the two men come to respect each other.',
    tagline: 'A cop and a thief, both too good to quit.',
    keywords: ['heist', 'bank robbery', 'cat and mouse', 'los angeles', 'detective'],
    popularity: 74,
    credits: [
      ...directedBy('nm0000520'), // Michael Mann
      ...writtenBy('nm0000520'), // Michael Mann
      ...starring(
        ['nm0000199', 'Lt. Vincent Hanna'], // Al Pacino
        ['nm0000134', 'Neil McCauley'], // Robert De Niro
        ['nm0000174', 'Chris Shiherlis'], // Val Kilmer
        ['nm0000685', 'Nate'], // Jon Voight
      ),
    ],
  },
  {
    id: 'tt0114369',
    kind: 'movie',
    title: 'Se7en',
    year: 1995,
    runtimeMinutes: 127,
    genres: ['Crime', 'Drama', 'Mystery'],
    externalIds: { imdb: 'tt0114369', tmdb: '807', movielens: '47' },
    overview:
      'A detective days from retirement and his hot-headed new partner hunt a killer who stages each murder as a punishment for one of the seven deadly sins.',
    tagline: 'He is not finished with his sermon.',
    keywords: ['serial killer', 'seven deadly sins', 'detective', 'rain', 'partner'],
    popularity: 80,
    credits: [
      ...directedBy('nm0000399'), // David Fincher
      ...writtenBy('andrew-kevin-walker'), // Andrew Kevin Walker
      ...starring(
        ['nm0000151', 'Detective William Somerset'], // Morgan Freeman
        ['nm0000093', 'Detective David Mills'], // Brad Pitt
        ['nm0000228', 'John Doe'], // Kevin Spacey
        ['nm0000569', 'Tracy Mills'], // Gwyneth Paltrow
      ),
      ...scoredBy('howard-shore'), // Howard Shore
    ],
  },
  {
    id: 'tt0114709',
    kind: 'movie',
    title: 'Toy Story',
    year: 1995,
    runtimeMinutes: 81,
    genres: ['Animation', 'Adventure', 'Comedy'],
    externalIds: { imdb: 'tt0114709', tmdb: '862', movielens: '1' },
    overview:
      "A pull-string cowboy doll feels pushed aside when a flashy space-ranger action figure becomes his owner's new favorite, until the rivals get lost together.",
    tagline: 'When the kids leave the room, the toys get to work.',
    keywords: ['toy', 'rivalry', 'friendship', 'computer animation', 'space ranger'],
    popularity: 84,
    credits: [
      ...directedBy('nm0005124'), // John Lasseter
      ...writtenBy('joss-whedon', 'nm0004056', 'nm0230032'), // Joss Whedon, Andrew Stanton, Pete Docter
      ...starring(
        ['nm0000158', 'Woody'], // Tom Hanks
        ['nm0000741', 'Buzz Lightyear'], // Tim Allen
        ['don-rickles', 'Mr. Potato Head'], // Don Rickles
        ['nm0001815', 'Slinky Dog'], // Jim Varney
        ['nm0001728', 'Rex'], // Wallace Shawn
      ),
      ...scoredBy('nm0005271'), // Randy Newman
    ],
  },
  {
    id: 'tt0114746',
    kind: 'movie',
    title: 'Twelve Monkeys',
    year: 1995,
    runtimeMinutes: 129,
    genres: ['Mystery', 'Sci-Fi', 'Thriller'],
    externalIds: { imdb: 'tt0114746', tmdb: '63', movielens: '32' },
    overview:
      'A convict from a plague-ravaged future is sent back to the 1990s to trace the origins of the virus, but nobody, including him, is sure he is sane.',
    tagline: 'The cure starts with a trip backwards.',
    keywords: ['time travel', 'pandemic', 'mental hospital', 'dystopia', 'paradox'],
    popularity: 62,
    credits: [
      ...directedBy('nm0000416'), // Terry Gilliam
      ...writtenBy('david-webb-peoples', 'janet-peoples'), // David Webb Peoples, Janet Peoples
      ...starring(
        ['nm0000246', 'James Cole'], // Bruce Willis
        ['madeleine-stowe', 'Kathryn Railly'], // Madeleine Stowe
        ['nm0000093', 'Jeffrey Goines'], // Brad Pitt
        ['nm0001626', 'Dr. Goines'], // Christopher Plummer
      ),
    ],
  },
  {
    id: 'tt0116282',
    kind: 'movie',
    title: 'Fargo',
    year: 1996,
    runtimeMinutes: 98,
    genres: ['Crime', 'Drama', 'Thriller'],
    externalIds: { imdb: 'tt0116282', tmdb: '275', movielens: '608' },
    overview:
      "A debt-ridden Minnesota car salesman arranges his own wife's kidnapping, and the scheme unravels under a pregnant and very patient small-town police chief.",
    tagline: 'Nice weather for a terrible plan.',
    keywords: ['kidnapping', 'minnesota', 'snow', 'police chief', 'dark comedy'],
    popularity: 66,
    credits: [
      ...directedBy('nm0001054'), // Joel Coen
      ...writtenBy('nm0001053', 'nm0001054'), // Ethan Coen, Joel Coen
      ...starring(
        ['nm0000513', 'Jerry Lundegaard'], // William H. Macy
        ['nm0000531', 'Marge Gunderson'], // Frances McDormand
        ['nm0000114', 'Carl Showalter'], // Steve Buscemi
        ['nm0001780', 'Gaear Grimsrud'], // Peter Stormare
      ),
      ...scoredBy('carter-burwell'), // Carter Burwell
    ],
  },
  {
    id: 'tt0119698',
    kind: 'movie',
    title: 'Princess Mononoke',
    originalTitle: 'Mononoke-hime',
    year: 1997,
    runtimeMinutes: 134,
    genres: ['Animation', 'Action', 'Adventure'],
    externalIds: { imdb: 'tt0119698', tmdb: '128', movielens: '3000' },
    overview:
      'A cursed young prince travels west and finds himself caught in a war between an ironworking town and the ancient animal gods of the forest it is cutting down.',
    tagline: 'No side is wholly right in this war.',
    keywords: ['forest god', 'curse', 'nature versus industry', 'anime', 'wolf'],
    popularity: 62,
    credits: [
      ...directedBy('nm0594503'), // Hayao Miyazaki
      ...writtenBy('nm0594503'), // Hayao Miyazaki
      ...starring(
        ['yoji-matsuda', 'Ashitaka'], // Yôji Matsuda
        ['yuriko-ishida', 'San'], // Yuriko Ishida
        ['yuko-tanaka', 'Eboshi'], // Yûko Tanaka
      ),
      ...scoredBy('joe-hisaishi'), // Joe Hisaishi
    ],
  },
  {
    id: 'tt0120338',
    kind: 'movie',
    title: 'Titanic',
    year: 1997,
    runtimeMinutes: 194,
    genres: ['Drama', 'Romance'],
    externalIds: { imdb: 'tt0120338', tmdb: '597', movielens: '1721' },
    overview:
      'A penniless artist and an unhappy young woman engaged to a wealthy heir fall in love aboard the ill-fated maiden voyage of the Titanic.',
    tagline: 'Four days at sea, one lifetime.',
    keywords: ['ship', 'shipwreck', 'iceberg', 'class differences', '1910s'],
    popularity: 84,
    credits: [
      ...directedBy('nm0000116'), // James Cameron
      ...writtenBy('nm0000116'), // James Cameron
      ...starring(
        ['nm0000138', 'Jack Dawson'], // Leonardo DiCaprio
        ['nm0000701', 'Rose DeWitt Bukater'], // Kate Winslet
        ['nm0000708', 'Cal Hockley'], // Billy Zane
        ['nm0000870', 'Molly Brown'], // Kathy Bates
      ),
      ...scoredBy('nm0000035'), // James Horner
    ],
  },
  {
    id: 'tt0120815',
    kind: 'movie',
    title: 'Saving Private Ryan',
    year: 1998,
    runtimeMinutes: 169,
    genres: ['Drama', 'War'],
    externalIds: { imdb: 'tt0120815', tmdb: '857', movielens: '2028' },
    overview:
      'After the D-Day landings, a weary army captain leads a small squad behind enemy lines to find and bring home a private whose three brothers have been killed.',
    tagline: 'Eight men sent to find one.',
    keywords: ['world war ii', 'normandy', 'd-day', 'rescue mission', 'brotherhood'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('robert-rodat'), // Robert Rodat
      ...starring(
        ['nm0000158', 'Captain Miller'], // Tom Hanks
        ['nm0000354', 'Private Ryan'], // Matt Damon
        ['nm0001744', 'Sergeant Horvath'], // Tom Sizemore
        ['edward-burns', 'Private Reiben'], // Edward Burns
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0118715',
    kind: 'movie',
    title: 'The Big Lebowski',
    year: 1998,
    runtimeMinutes: 117,
    genres: ['Comedy', 'Crime'],
    externalIds: { imdb: 'tt0118715', tmdb: '115', movielens: '1732' },
    overview:
      'Mistaken for a millionaire with the same name, an easygoing Los Angeles slacker is dragged into a botched kidnapping ransom by his volatile bowling buddy.',
    tagline: 'All he wanted was his rug back.',
    keywords: ['bowling', 'mistaken identity', 'slacker', 'kidnapping', 'los angeles'],
    popularity: 72,
    credits: [
      ...directedBy('nm0001054'), // Joel Coen
      ...writtenBy('nm0001053', 'nm0001054'), // Ethan Coen, Joel Coen
      ...starring(
        ['nm0000313', 'The Dude'], // Jeff Bridges
        ['nm0000422', 'Walter Sobchak'], // John Goodman
        ['nm0000194', 'Maude Lebowski'], // Julianne Moore
        ['nm0000114', 'Donny'], // Steve Buscemi
      ),
      ...scoredBy('carter-burwell'), // Carter Burwell
    ],
  },
  {
    id: 'tt0137523',
    kind: 'movie',
    title: 'Fight Club',
    year: 1999,
    runtimeMinutes: 139,
    genres: ['Drama'],
    externalIds: { imdb: 'tt0137523', tmdb: '550', movielens: '2959' },
    overview:
      'An insomniac office worker and a reckless soap salesman start an underground fight club that grows into something far more dangerous.',
    tagline: 'Some rules are meant to be broken. This club has eight.',
    keywords: [
      'insomnia',
      'underground fighting',
      'consumerism',
      'split personality',
      'based on novel',
    ],
    popularity: 86,
    credits: [
      ...directedBy('nm0000399'), // David Fincher
      ...writtenBy('jim-uhls'), // Jim Uhls
      ...starring(
        ['nm0000093', 'Tyler Durden'], // Brad Pitt
        ['nm0001570', 'Narrator'], // Edward Norton
        ['nm0000307', 'Marla Singer'], // Helena Bonham Carter
        ['nm0001533', "Robert 'Bob' Paulson"], // Meat Loaf
        ['nm0001467', 'Angel Face'], // Jared Leto
      ),
    ],
  },
  {
    id: 'tt0133093',
    kind: 'movie',
    title: 'The Matrix',
    year: 1999,
    runtimeMinutes: 136,
    genres: ['Action', 'Sci-Fi'],
    externalIds: { imdb: 'tt0133093', tmdb: '603', movielens: '2571' },
    overview:
      'A hacker learns that the everyday world is a simulation built by machines to farm humanity, and joins a band of rebels who believe he is the one who can free it.',
    tagline: 'Wake up. The world is code.',
    keywords: [
      'simulated reality',
      'hacker',
      'artificial intelligence',
      'martial arts',
      'chosen one',
    ],
    popularity: 92,
    credits: [
      ...directedBy('nm0905154', 'nm0905152'), // Lana Wachowski, Lilly Wachowski
      ...writtenBy('nm0905154', 'nm0905152'), // Lana Wachowski, Lilly Wachowski
      ...starring(
        ['nm0000206', 'Neo'], // Keanu Reeves
        ['nm0000401', 'Morpheus'], // Laurence Fishburne
        ['nm0005251', 'Trinity'], // Carrie-Anne Moss
        ['nm0915989', 'Agent Smith'], // Hugo Weaving
        ['nm0001592', 'Cypher'], // Joe Pantoliano
      ),
    ],
  },
];

import { directedBy, scoredBy, starring, writtenBy } from '../credits.ts';
import type { DemoMovie } from '../types.ts';

/** Films released in the 1980s. */
export const eightiesMovies: readonly DemoMovie[] = [
  {
    id: 'tt0080684',
    kind: 'movie',
    title: 'Star Wars: Episode V - The Empire Strikes Back',
    year: 1980,
    runtimeMinutes: 124,
    genres: ['Action', 'Adventure', 'Fantasy', 'Sci-Fi'],
    externalIds: { imdb: 'tt0080684', tmdb: '1891', movielens: '1196' },
    overview:
      "With the rebels scattered after an imperial attack on their ice base, Luke seeks out a Jedi master for training while Han and Leia flee Darth Vader's pursuit.",
    tagline: 'The empire hits back, hard.',
    keywords: ['space opera', 'sequel', 'jedi training', 'ice planet', 'family secret'],
    popularity: 88,
    credits: [
      ...directedBy('nm0449984'), // Irvin Kershner
      ...writtenBy('leigh-brackett', 'nm0001410'), // Leigh Brackett, Lawrence Kasdan
      ...starring(
        ['nm0000434', 'Luke Skywalker'], // Mark Hamill
        ['nm0000148', 'Han Solo'], // Harrison Ford
        ['nm0000402', 'Princess Leia'], // Carrie Fisher
        ['billy-dee-williams', 'Lando Calrissian'], // Billy Dee Williams
        ['nm0000355', 'C-3PO'], // Anthony Daniels
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0081505',
    kind: 'movie',
    title: 'The Shining',
    year: 1980,
    runtimeMinutes: 146,
    genres: ['Drama', 'Horror'],
    externalIds: { imdb: 'tt0081505', tmdb: '694', movielens: '1258' },
    overview:
      'A struggling writer takes his wife and young son to look after an isolated mountain hotel through the winter, and the empty building slowly takes hold of him.',
    tagline: 'The caretaker job comes with a long winter.',
    keywords: ['haunted hotel', 'isolation', 'writer', 'psychic', 'based on novel'],
    popularity: 74,
    credits: [
      ...directedBy('nm0000040'), // Stanley Kubrick
      ...writtenBy('nm0000040', 'diane-johnson'), // Stanley Kubrick, Diane Johnson
      ...starring(
        ['nm0000197', 'Jack Torrance'], // Jack Nicholson
        ['nm0001167', 'Wendy Torrance'], // Shelley Duvall
        ['danny-lloyd', 'Danny Torrance'], // Danny Lloyd
        ['scatman-crothers', 'Dick Hallorann'], // Scatman Crothers
      ),
    ],
  },
  {
    id: 'tt0082971',
    kind: 'movie',
    title: 'Raiders of the Lost Ark',
    year: 1981,
    runtimeMinutes: 115,
    genres: ['Action', 'Adventure'],
    externalIds: { imdb: 'tt0082971', tmdb: '85', movielens: '1198' },
    overview:
      'In 1936 an archaeologist and adventurer races Nazi agents across the globe to find the Ark of the Covenant before its power falls into their hands.',
    tagline: 'Professor by day, grave robber by necessity.',
    keywords: ['archaeologist', 'nazi', 'treasure hunt', 'ark of the covenant', 'whip'],
    popularity: 80,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('nm0001410'), // Lawrence Kasdan
      ...starring(
        ['nm0000148', 'Indiana Jones'], // Harrison Ford
        ['nm0000261', 'Marion Ravenwood'], // Karen Allen
        ['paul-freeman', 'Dr. René Belloq'], // Paul Freeman
        ['john-rhys-davies', 'Sallah'], // John Rhys-Davies
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0083658',
    kind: 'movie',
    title: 'Blade Runner',
    year: 1982,
    runtimeMinutes: 117,
    genres: ['Action', 'Sci-Fi', 'Thriller'],
    externalIds: { imdb: 'tt0083658', tmdb: '78', movielens: '541' },
    overview:
      'In a rain-soaked Los Angeles of 2019, a weary detective is pulled back into service to track down four escaped bioengineered replicants desperate for more life.',
    tagline: 'Four years of life, and they want more.',
    keywords: ['replicant', 'dystopia', 'cyberpunk', 'android', 'neo-noir', 'based on novel'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000631'), // Ridley Scott
      ...writtenBy('hampton-fancher', 'david-webb-peoples'), // Hampton Fancher, David Webb Peoples
      ...starring(
        ['nm0000148', 'Rick Deckard'], // Harrison Ford
        ['nm0000442', 'Roy Batty'], // Rutger Hauer
        ['nm0000707', 'Rachael'], // Sean Young
        ['edward-james-olmos', 'Gaff'], // Edward James Olmos
      ),
      ...scoredBy('vangelis'), // Vangelis
    ],
  },
  {
    id: 'tt0083866',
    kind: 'movie',
    title: 'E.T. the Extra-Terrestrial',
    year: 1982,
    runtimeMinutes: 115,
    genres: ['Family', 'Sci-Fi'],
    externalIds: { imdb: 'tt0083866', tmdb: '601', movielens: '1097' },
    overview:
      'A lonely suburban boy befriends a gentle alien stranded on Earth and, with his brother and sister, tries to hide him from the adults and help him get home.',
    tagline: 'The best friend he ever had was from very far away.',
    keywords: ['alien', 'friendship', 'suburb', 'childhood', 'bicycle'],
    popularity: 76,
    credits: [
      ...directedBy('nm0000229'), // Steven Spielberg
      ...writtenBy('melissa-mathison'), // Melissa Mathison
      ...starring(
        ['henry-thomas', 'Elliott'], // Henry Thomas
        ['nm0000106', 'Gertie'], // Drew Barrymore
        ['peter-coyote', 'Keys'], // Peter Coyote
        ['dee-wallace', 'Mary'], // Dee Wallace
      ),
      ...scoredBy('nm0002354'), // John Williams
    ],
  },
  {
    id: 'tt0084787',
    kind: 'movie',
    title: 'The Thing',
    year: 1982,
    runtimeMinutes: 109,
    genres: ['Horror', 'Mystery', 'Sci-Fi'],
    externalIds: { imdb: 'tt0084787', tmdb: '1091', movielens: '2288' },
    overview:
      'Researchers at a remote Antarctic station discover a creature that can perfectly imitate any living thing, and no one can be sure who is still human.',
    tagline: 'Trust is the first casualty at minus forty.',
    keywords: ['antarctica', 'shapeshifter', 'paranoia', 'research station', 'creature'],
    popularity: 62,
    credits: [
      ...directedBy('nm0000118'), // John Carpenter
      ...writtenBy('bill-lancaster'), // Bill Lancaster
      ...starring(
        ['nm0000621', 'MacReady'], // Kurt Russell
        ['nm0000979', 'Blair'], // Wilford Brimley
        ['nm0202966', 'Childs'], // Keith David
        ['richard-masur', 'Clark'], // Richard Masur
      ),
      ...scoredBy('ennio-morricone'), // Ennio Morricone
    ],
  },
  {
    id: 'tt0088247',
    kind: 'movie',
    title: 'The Terminator',
    year: 1984,
    runtimeMinutes: 107,
    genres: ['Action', 'Sci-Fi'],
    externalIds: { imdb: 'tt0088247', tmdb: '218', movielens: '1240' },
    overview:
      'A relentless cyborg assassin is sent back from a machine-ruled future to kill a Los Angeles waitress, and a lone soldier follows to protect her.',
    tagline: 'Sent back to end one future before it starts.',
    keywords: ['cyborg', 'time travel', 'killer robot', 'future war', 'chase'],
    popularity: 74,
    credits: [
      ...directedBy('nm0000116'), // James Cameron
      ...writtenBy('nm0000116', 'gale-anne-hurd'), // James Cameron, Gale Anne Hurd
      ...starring(
        ['nm0000216', 'The Terminator'], // Arnold Schwarzenegger
        ['nm0000299', 'Kyle Reese'], // Michael Biehn
        ['nm0000157', 'Sarah Connor'], // Linda Hamilton
        ['paul-winfield', 'Lieutenant Ed Traxler'], // Paul Winfield
      ),
    ],
  },
  {
    id: 'tt0088763',
    kind: 'movie',
    title: 'Back to the Future',
    year: 1985,
    runtimeMinutes: 116,
    genres: ['Adventure', 'Comedy', 'Sci-Fi'],
    externalIds: { imdb: 'tt0088763', tmdb: '105', movielens: '1270' },
    overview:
      "A teenager accidentally sent thirty years into the past in a scientist's time-travelling car must make sure his parents still fall in love, or he will never be born.",
    tagline: 'He has until the clock tower strikes to fix his own past.',
    keywords: ['time travel', 'time machine', 'high school', '1950s', 'inventor'],
    popularity: 82,
    credits: [
      ...directedBy('nm0000709'), // Robert Zemeckis
      ...writtenBy('nm0000709', 'bob-gale'), // Robert Zemeckis, Bob Gale
      ...starring(
        ['nm0000150', 'Marty McFly'], // Michael J. Fox
        ['nm0000502', 'Dr. Emmett Brown'], // Christopher Lloyd
        ['lea-thompson', 'Lorraine Baines'], // Lea Thompson
        ['nm0000417', 'George McFly'], // Crispin Glover
      ),
      ...scoredBy('alan-silvestri'), // Alan Silvestri
    ],
  },
  {
    id: 'tt0090605',
    kind: 'movie',
    title: 'Aliens',
    year: 1986,
    runtimeMinutes: 137,
    genres: ['Action', 'Adventure', 'Sci-Fi'],
    externalIds: { imdb: 'tt0090605', tmdb: '679', movielens: '1200' },
    overview:
      'Decades after her first encounter, Ripley returns to the alien moon with a squad of colonial marines to find out why contact with a new settlement has gone silent.',
    tagline: 'Back to the moon that took her crew.',
    keywords: ['space marine', 'xenomorph', 'sequel', 'colony', 'survival'],
    popularity: 78,
    credits: [
      ...directedBy('nm0000116'), // James Cameron
      ...writtenBy('nm0000116'), // James Cameron
      ...starring(
        ['nm0000244', 'Ripley'], // Sigourney Weaver
        ['nm0001343', 'Newt'], // Carrie Henn
        ['nm0000299', 'Cpl. Dwayne Hicks'], // Michael Biehn
        ['nm0001663', 'Carter Burke'], // Paul Reiser
        ['nm0000448', 'Bishop'], // Lance Henriksen
        ['nm0000200', 'Private Hudson'], // Bill Paxton
      ),
      ...scoredBy('nm0000035'), // James Horner
    ],
  },
  {
    id: 'tt0096283',
    kind: 'movie',
    title: 'My Neighbor Totoro',
    originalTitle: 'Tonari no Totoro',
    year: 1988,
    runtimeMinutes: 86,
    genres: ['Animation', 'Family', 'Fantasy'],
    externalIds: { imdb: 'tt0096283', tmdb: '8392', movielens: '5971' },
    overview:
      'Two young sisters who move to the countryside to be near their ailing mother discover friendly forest spirits living in the woods beside their new house.',
    tagline: 'Something big and fluffy lives in the camphor tree.',
    keywords: ['forest spirit', 'sisters', 'countryside', 'anime', 'catbus'],
    popularity: 60,
    credits: [
      ...directedBy('nm0594503'), // Hayao Miyazaki
      ...writtenBy('nm0594503'), // Hayao Miyazaki
      ...starring(
        ['noriko-hidaka', 'Satsuki'], // Noriko Hidaka
        ['chika-sakamoto', 'Mei'], // Chika Sakamoto
        ['shigesato-itoi', 'Tatsuo Kusakabe'], // Shigesato Itoi
      ),
      ...scoredBy('joe-hisaishi'), // Joe Hisaishi
    ],
  },
];

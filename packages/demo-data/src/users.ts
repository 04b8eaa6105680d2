import type { DemoUser } from './types.ts';

/**
 * Demo users with distinct tastes, so recommendations and rating summaries have something to
 * show on first start. They have no passwords and therefore cannot log in; they exist only as
 * authors of ratings.
 */
export const demoUsers: readonly DemoUser[] = [
  {
    username: 'orbit',
    displayName: 'Ada Okafor',
    ratings: [
      { movieId: 'tt0062622', rating: 5 }, // 2001: A Space Odyssey
      { movieId: 'tt0083658', rating: 5 }, // Blade Runner
      { movieId: 'tt0078748', rating: 4.5 }, // Alien
      { movieId: 'tt2543164', rating: 5 }, // Arrival
      { movieId: 'tt0816692', rating: 4.5 }, // Interstellar
      { movieId: 'tt0133093', rating: 5 }, // The Matrix
      { movieId: 'tt0470752', rating: 4 }, // Ex Machina
      { movieId: 'tt1856101', rating: 4.5 }, // Blade Runner 2049
      { movieId: 'tt0206634', rating: 4 }, // Children of Men
      { movieId: 'tt1798709', rating: 3.5 }, // Her
      { movieId: 'tt0068646', rating: 3 }, // The Godfather
      { movieId: 'tt0120338', rating: 2 }, // Titanic
    ],
  },
  {
    username: 'consigliere',
    displayName: 'Marco Bellini',
    ratings: [
      { movieId: 'tt0068646', rating: 5 }, // The Godfather
      { movieId: 'tt0071562', rating: 5 }, // The Godfather Part II
      { movieId: 'tt0099685', rating: 5 }, // Goodfellas
      { movieId: 'tt0113277', rating: 4.5 }, // Heat
      { movieId: 'tt0407887', rating: 4 }, // The Departed
      { movieId: 'tt0075314', rating: 4.5 }, // Taxi Driver
      { movieId: 'tt0110912', rating: 4 }, // Pulp Fiction
      { movieId: 'tt0116282', rating: 4 }, // Fargo
      { movieId: 'tt0477348', rating: 4.5 }, // No Country for Old Men
      { movieId: 'tt0114709', rating: 2.5 }, // Toy Story
      { movieId: 'tt0076759', rating: 3 }, // Star Wars
    ],
  },
  {
    username: 'inkandpaint',
    displayName: 'Hana Mori',
    ratings: [
      { movieId: 'tt0245429', rating: 5 }, // Spirited Away
      { movieId: 'tt0096283', rating: 5 }, // My Neighbor Totoro
      { movieId: 'tt0119698', rating: 4.5 }, // Princess Mononoke
      { movieId: 'tt0114709', rating: 4.5 }, // Toy Story
      { movieId: 'tt0910970', rating: 5 }, // WALL·E
      { movieId: 'tt1049413', rating: 4 }, // Up
      { movieId: 'tt2380307', rating: 4.5 }, // Coco
      { movieId: 'tt0110357', rating: 4 }, // The Lion King
      { movieId: 'tt0211915', rating: 4 }, // Amélie
      { movieId: 'tt0081505', rating: 2 }, // The Shining
    ],
  },
  {
    username: 'silverscreen',
    displayName: 'Edith Clarke',
    ratings: [
      { movieId: 'tt0034583', rating: 5 }, // Casablanca
      { movieId: 'tt0033467', rating: 4.5 }, // Citizen Kane
      { movieId: 'tt0047396', rating: 5 }, // Rear Window
      { movieId: 'tt0052357', rating: 4.5 }, // Vertigo
      { movieId: 'tt0047478', rating: 5 }, // Seven Samurai
      { movieId: 'tt0042876', rating: 4.5 }, // Rashomon
      { movieId: 'tt0053291', rating: 4 }, // Some Like It Hot
      { movieId: 'tt0054215', rating: 4 }, // Psycho
      { movieId: 'tt0032138', rating: 4 }, // The Wizard of Oz
      { movieId: 'tt0017136', rating: 4 }, // Metropolis
      { movieId: 'tt1392190', rating: 3 }, // Mad Max: Fury Road
    ],
  },
  {
    username: 'popcorn',
    displayName: 'Jamie Reyes',
    ratings: [
      { movieId: 'tt0076759', rating: 5 }, // Star Wars
      { movieId: 'tt0080684', rating: 5 }, // The Empire Strikes Back
      { movieId: 'tt0082971', rating: 5 }, // Raiders of the Lost Ark
      { movieId: 'tt0107290', rating: 4.5 }, // Jurassic Park
      { movieId: 'tt0103064', rating: 4.5 }, // Terminator 2: Judgment Day
      { movieId: 'tt0468569', rating: 5 }, // The Dark Knight
      { movieId: 'tt1392190', rating: 4.5 }, // Mad Max: Fury Road
      { movieId: 'tt2911666', rating: 4 }, // John Wick
      { movieId: 'tt0172495', rating: 4 }, // Gladiator
      { movieId: 'tt0111257', rating: 3.5 }, // Speed
      { movieId: 'tt1375666', rating: 4.5 }, // Inception
      { movieId: 'tt0133093', rating: 4.5 }, // The Matrix
    ],
  },
  {
    username: 'nightowl',
    displayName: 'Sol Navarro',
    ratings: [
      { movieId: 'tt0078748', rating: 5 }, // Alien
      { movieId: 'tt0084787', rating: 5 }, // The Thing
      { movieId: 'tt0081505', rating: 4.5 }, // The Shining
      { movieId: 'tt0054215', rating: 4.5 }, // Psycho
      { movieId: 'tt5052448', rating: 4.5 }, // Get Out
      { movieId: 'tt0102926', rating: 5 }, // The Silence of the Lambs
      { movieId: 'tt0114369', rating: 4 }, // Se7en
      { movieId: 'tt0073195', rating: 4 }, // Jaws
      { movieId: 'tt6751668', rating: 4.5 }, // Parasite
      { movieId: 'tt0090605', rating: 4 }, // Aliens
    ],
  },
];

/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    refreshExpiresAt\n    user {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation SignUp($username: String!, $password: String!, $displayName: String) {\n    signUp(username: $username, password: $password, displayName: $displayName) {\n      ...SessionFields\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogIn($username: String!, $password: String!) {\n    logIn(username: $username, password: $password) {\n      ...SessionFields\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionFields\n    }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n": typeof types.LogOutDocument,
    "\n  fragment MovieCardFields on Movie {\n    id\n    title\n    year\n    genres\n    posterUrl\n  }\n": typeof types.MovieCardFieldsFragmentDoc,
    "\n  fragment RatingHistogramFields on RatingSummary {\n    average\n    count\n    histogram {\n      rating\n      count\n    }\n  }\n": typeof types.RatingHistogramFieldsFragmentDoc,
    "\n  fragment RecommendationFields on Recommendation {\n    score\n    reason\n    movie {\n      id\n      ...MovieCardFields\n    }\n  }\n": typeof types.RecommendationFieldsFragmentDoc,
    "\n  fragment ReviewFields on Review {\n    id\n    rating\n    body\n    createdAt\n    sentiment {\n      label\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": typeof types.ReviewFieldsFragmentDoc,
    "\n  subscription RecommendationsUpdated {\n    recommendationsUpdated {\n      at\n      added {\n        reason\n        movie {\n          id\n          title\n        }\n      }\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n  }\n": typeof types.RecommendationsUpdatedDocument,
    "\n  query AccountPage {\n    me {\n      id\n      displayName\n      stats {\n        ratings\n        averageRating\n        communityAverageRating\n        ratingsByMonth {\n          month\n          ratings\n          averageRating\n        }\n        favouriteGenres(first: 5) {\n          genre\n          ratings\n          averageRating\n        }\n        peopleMostWatched(first: 5) {\n          films\n          person {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountPageDocument,
    "\n  query Admin {\n    me {\n      id\n      role\n    }\n    movies(first: 1) {\n      totalCount\n    }\n    genres {\n      name\n      movieCount\n    }\n  }\n": typeof types.AdminDocument,
    "\n  query ForYou {\n    me {\n      id\n      displayName\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n    trending(window: WEEK, first: 8) {\n      ...RecommendationFields\n    }\n  }\n": typeof types.ForYouDocument,
    "\n  query Home($first: Int!, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {\n    genres {\n      name\n      movieCount\n    }\n    movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query MyLists {\n    me {\n      id\n      watchlist(first: 50) {\n        edges {\n          addedAt\n          node {\n            id\n            ...MovieCardFields\n          }\n        }\n      }\n      lists {\n        id\n        name\n        isPublic\n        movies {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n": typeof types.MyListsDocument,
    "\n  mutation CreateList($name: String!, $isPublic: Boolean) {\n    createList(name: $name, isPublic: $isPublic) {\n      id\n    }\n  }\n": typeof types.CreateListDocument,
    "\n  mutation DeleteList($id: ID!) {\n    deleteList(id: $id)\n  }\n": typeof types.DeleteListDocument,
    "\n  query MoviePage($id: ID!, $signedIn: Boolean!) {\n    movie(id: $id) {\n      id\n      title\n      originalTitle\n      year\n      runtimeMinutes\n      genres\n      kind\n      overview\n      tagline\n      posterUrl\n      predictedRating @include(if: $signedIn)\n      cast(first: 12) {\n        id\n        characters\n        person {\n          id\n          name\n        }\n      }\n      crew {\n        id\n        role\n        person {\n          id\n          name\n        }\n      }\n      ratingSummary {\n        ...RatingHistogramFields\n      }\n      reviews(first: 10) {\n        edges {\n          node {\n            id\n            ...ReviewFields\n          }\n        }\n      }\n      similar(first: 8) {\n        id\n        ...MovieCardFields\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      watchlist(first: 100) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      lists {\n        id\n        name\n      }\n    }\n  }\n": typeof types.MoviePageDocument,
    "\n  mutation RateMovie($movieId: ID!, $rating: Float!) {\n    rateMovie(movieId: $movieId, rating: $rating) {\n      rating\n    }\n  }\n": typeof types.RateMovieDocument,
    "\n  mutation WriteReview($movieId: ID!, $rating: Float!, $body: String!) {\n    writeReview(movieId: $movieId, rating: $rating, body: $body) {\n      id\n    }\n  }\n": typeof types.WriteReviewDocument,
    "\n  mutation AddToWatchlist($movieId: ID!) {\n    addToWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n": typeof types.AddToWatchlistDocument,
    "\n  mutation RemoveFromWatchlist($movieId: ID!) {\n    removeFromWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n": typeof types.RemoveFromWatchlistDocument,
    "\n  mutation AddToList($listId: ID!, $movieId: ID!) {\n    addToList(listId: $listId, movieId: $movieId) {\n      id\n    }\n  }\n": typeof types.AddToListDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      birthYear\n      deathYear\n      professions\n      credits(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            characters\n            movie {\n              id\n              title\n              year\n              ...MovieCardFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query GenreTrends($from: Int!, $to: Int!, $year: Int!) {\n    yearly: genreTrends(from: $from, to: $to, bucket: YEAR) {\n      genre\n      year\n      titlesReleased\n      ratingsGiven\n      averageRating\n    }\n    monthly: genreTrends(from: $year, to: $year, bucket: MONTH) {\n      genre\n      year\n      month\n      ratingsGiven\n      averageRating\n    }\n  }\n": typeof types.GenreTrendsDocument,
};
const documents: Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    refreshExpiresAt\n    user {\n      id\n      username\n      displayName\n      role\n    }\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation SignUp($username: String!, $password: String!, $displayName: String) {\n    signUp(username: $username, password: $password, displayName: $displayName) {\n      ...SessionFields\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogIn($username: String!, $password: String!) {\n    logIn(username: $username, password: $password) {\n      ...SessionFields\n    }\n  }\n": types.LogInDocument,
    "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionFields\n    }\n  }\n": types.RefreshDocument,
    "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n": types.LogOutDocument,
    "\n  fragment MovieCardFields on Movie {\n    id\n    title\n    year\n    genres\n    posterUrl\n  }\n": types.MovieCardFieldsFragmentDoc,
    "\n  fragment RatingHistogramFields on RatingSummary {\n    average\n    count\n    histogram {\n      rating\n      count\n    }\n  }\n": types.RatingHistogramFieldsFragmentDoc,
    "\n  fragment RecommendationFields on Recommendation {\n    score\n    reason\n    movie {\n      id\n      ...MovieCardFields\n    }\n  }\n": types.RecommendationFieldsFragmentDoc,
    "\n  fragment ReviewFields on Review {\n    id\n    rating\n    body\n    createdAt\n    sentiment {\n      label\n    }\n    author {\n      id\n      displayName\n    }\n  }\n": types.ReviewFieldsFragmentDoc,
    "\n  subscription RecommendationsUpdated {\n    recommendationsUpdated {\n      at\n      added {\n        reason\n        movie {\n          id\n          title\n        }\n      }\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n  }\n": types.RecommendationsUpdatedDocument,
    "\n  query AccountPage {\n    me {\n      id\n      displayName\n      stats {\n        ratings\n        averageRating\n        communityAverageRating\n        ratingsByMonth {\n          month\n          ratings\n          averageRating\n        }\n        favouriteGenres(first: 5) {\n          genre\n          ratings\n          averageRating\n        }\n        peopleMostWatched(first: 5) {\n          films\n          person {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AccountPageDocument,
    "\n  query Admin {\n    me {\n      id\n      role\n    }\n    movies(first: 1) {\n      totalCount\n    }\n    genres {\n      name\n      movieCount\n    }\n  }\n": types.AdminDocument,
    "\n  query ForYou {\n    me {\n      id\n      displayName\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n    trending(window: WEEK, first: 8) {\n      ...RecommendationFields\n    }\n  }\n": types.ForYouDocument,
    "\n  query Home($first: Int!, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {\n    genres {\n      name\n      movieCount\n    }\n    movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n": types.HomeDocument,
    "\n  query MyLists {\n    me {\n      id\n      watchlist(first: 50) {\n        edges {\n          addedAt\n          node {\n            id\n            ...MovieCardFields\n          }\n        }\n      }\n      lists {\n        id\n        name\n        isPublic\n        movies {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n": types.MyListsDocument,
    "\n  mutation CreateList($name: String!, $isPublic: Boolean) {\n    createList(name: $name, isPublic: $isPublic) {\n      id\n    }\n  }\n": types.CreateListDocument,
    "\n  mutation DeleteList($id: ID!) {\n    deleteList(id: $id)\n  }\n": types.DeleteListDocument,
    "\n  query MoviePage($id: ID!, $signedIn: Boolean!) {\n    movie(id: $id) {\n      id\n      title\n      originalTitle\n      year\n      runtimeMinutes\n      genres\n      kind\n      overview\n      tagline\n      posterUrl\n      predictedRating @include(if: $signedIn)\n      cast(first: 12) {\n        id\n        characters\n        person {\n          id\n          name\n        }\n      }\n      crew {\n        id\n        role\n        person {\n          id\n          name\n        }\n      }\n      ratingSummary {\n        ...RatingHistogramFields\n      }\n      reviews(first: 10) {\n        edges {\n          node {\n            id\n            ...ReviewFields\n          }\n        }\n      }\n      similar(first: 8) {\n        id\n        ...MovieCardFields\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      watchlist(first: 100) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      lists {\n        id\n        name\n      }\n    }\n  }\n": types.MoviePageDocument,
    "\n  mutation RateMovie($movieId: ID!, $rating: Float!) {\n    rateMovie(movieId: $movieId, rating: $rating) {\n      rating\n    }\n  }\n": types.RateMovieDocument,
    "\n  mutation WriteReview($movieId: ID!, $rating: Float!, $body: String!) {\n    writeReview(movieId: $movieId, rating: $rating, body: $body) {\n      id\n    }\n  }\n": types.WriteReviewDocument,
    "\n  mutation AddToWatchlist($movieId: ID!) {\n    addToWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n": types.AddToWatchlistDocument,
    "\n  mutation RemoveFromWatchlist($movieId: ID!) {\n    removeFromWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n": types.RemoveFromWatchlistDocument,
    "\n  mutation AddToList($listId: ID!, $movieId: ID!) {\n    addToList(listId: $listId, movieId: $movieId) {\n      id\n    }\n  }\n": types.AddToListDocument,
    "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      birthYear\n      deathYear\n      professions\n      credits(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            characters\n            movie {\n              id\n              title\n              year\n              ...MovieCardFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PersonPageDocument,
    "\n  query GenreTrends($from: Int!, $to: Int!, $year: Int!) {\n    yearly: genreTrends(from: $from, to: $to, bucket: YEAR) {\n      genre\n      year\n      titlesReleased\n      ratingsGiven\n      averageRating\n    }\n    monthly: genreTrends(from: $year, to: $year, bucket: MONTH) {\n      genre\n      year\n      month\n      ratingsGiven\n      averageRating\n    }\n  }\n": types.GenreTrendsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    refreshExpiresAt\n    user {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    refreshExpiresAt\n    user {\n      id\n      username\n      displayName\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($username: String!, $password: String!, $displayName: String) {\n    signUp(username: $username, password: $password, displayName: $displayName) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($username: String!, $password: String!, $displayName: String) {\n    signUp(username: $username, password: $password, displayName: $displayName) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($username: String!, $password: String!) {\n    logIn(username: $username, password: $password) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($username: String!, $password: String!) {\n    logIn(username: $username, password: $password) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation LogOut($refreshToken: String) {\n    logOut(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MovieCardFields on Movie {\n    id\n    title\n    year\n    genres\n    posterUrl\n  }\n"): (typeof documents)["\n  fragment MovieCardFields on Movie {\n    id\n    title\n    year\n    genres\n    posterUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RatingHistogramFields on RatingSummary {\n    average\n    count\n    histogram {\n      rating\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment RatingHistogramFields on RatingSummary {\n    average\n    count\n    histogram {\n      rating\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecommendationFields on Recommendation {\n    score\n    reason\n    movie {\n      id\n      ...MovieCardFields\n    }\n  }\n"): (typeof documents)["\n  fragment RecommendationFields on Recommendation {\n    score\n    reason\n    movie {\n      id\n      ...MovieCardFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewFields on Review {\n    id\n    rating\n    body\n    createdAt\n    sentiment {\n      label\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewFields on Review {\n    id\n    rating\n    body\n    createdAt\n    sentiment {\n      label\n    }\n    author {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecommendationsUpdated {\n    recommendationsUpdated {\n      at\n      added {\n        reason\n        movie {\n          id\n          title\n        }\n      }\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RecommendationsUpdated {\n    recommendationsUpdated {\n      at\n      added {\n        reason\n        movie {\n          id\n          title\n        }\n      }\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPage {\n    me {\n      id\n      displayName\n      stats {\n        ratings\n        averageRating\n        communityAverageRating\n        ratingsByMonth {\n          month\n          ratings\n          averageRating\n        }\n        favouriteGenres(first: 5) {\n          genre\n          ratings\n          averageRating\n        }\n        peopleMostWatched(first: 5) {\n          films\n          person {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPage {\n    me {\n      id\n      displayName\n      stats {\n        ratings\n        averageRating\n        communityAverageRating\n        ratingsByMonth {\n          month\n          ratings\n          averageRating\n        }\n        favouriteGenres(first: 5) {\n          genre\n          ratings\n          averageRating\n        }\n        peopleMostWatched(first: 5) {\n          films\n          person {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Admin {\n    me {\n      id\n      role\n    }\n    movies(first: 1) {\n      totalCount\n    }\n    genres {\n      name\n      movieCount\n    }\n  }\n"): (typeof documents)["\n  query Admin {\n    me {\n      id\n      role\n    }\n    movies(first: 1) {\n      totalCount\n    }\n    genres {\n      name\n      movieCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForYou {\n    me {\n      id\n      displayName\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n    trending(window: WEEK, first: 8) {\n      ...RecommendationFields\n    }\n  }\n"): (typeof documents)["\n  query ForYou {\n    me {\n      id\n      displayName\n      recommendations(first: 20) {\n        ...RecommendationFields\n      }\n    }\n    trending(window: WEEK, first: 8) {\n      ...RecommendationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home($first: Int!, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {\n    genres {\n      name\n      movieCount\n    }\n    movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Home($first: Int!, $after: String, $filter: MovieFilter, $orderBy: MovieOrder) {\n    genres {\n      name\n      movieCount\n    }\n    movies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLists {\n    me {\n      id\n      watchlist(first: 50) {\n        edges {\n          addedAt\n          node {\n            id\n            ...MovieCardFields\n          }\n        }\n      }\n      lists {\n        id\n        name\n        isPublic\n        movies {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyLists {\n    me {\n      id\n      watchlist(first: 50) {\n        edges {\n          addedAt\n          node {\n            id\n            ...MovieCardFields\n          }\n        }\n      }\n      lists {\n        id\n        name\n        isPublic\n        movies {\n          id\n          ...MovieCardFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateList($name: String!, $isPublic: Boolean) {\n    createList(name: $name, isPublic: $isPublic) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateList($name: String!, $isPublic: Boolean) {\n    createList(name: $name, isPublic: $isPublic) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteList($id: ID!) {\n    deleteList(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteList($id: ID!) {\n    deleteList(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoviePage($id: ID!, $signedIn: Boolean!) {\n    movie(id: $id) {\n      id\n      title\n      originalTitle\n      year\n      runtimeMinutes\n      genres\n      kind\n      overview\n      tagline\n      posterUrl\n      predictedRating @include(if: $signedIn)\n      cast(first: 12) {\n        id\n        characters\n        person {\n          id\n          name\n        }\n      }\n      crew {\n        id\n        role\n        person {\n          id\n          name\n        }\n      }\n      ratingSummary {\n        ...RatingHistogramFields\n      }\n      reviews(first: 10) {\n        edges {\n          node {\n            id\n            ...ReviewFields\n          }\n        }\n      }\n      similar(first: 8) {\n        id\n        ...MovieCardFields\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      watchlist(first: 100) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      lists {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query MoviePage($id: ID!, $signedIn: Boolean!) {\n    movie(id: $id) {\n      id\n      title\n      originalTitle\n      year\n      runtimeMinutes\n      genres\n      kind\n      overview\n      tagline\n      posterUrl\n      predictedRating @include(if: $signedIn)\n      cast(first: 12) {\n        id\n        characters\n        person {\n          id\n          name\n        }\n      }\n      crew {\n        id\n        role\n        person {\n          id\n          name\n        }\n      }\n      ratingSummary {\n        ...RatingHistogramFields\n      }\n      reviews(first: 10) {\n        edges {\n          node {\n            id\n            ...ReviewFields\n          }\n        }\n      }\n      similar(first: 8) {\n        id\n        ...MovieCardFields\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      watchlist(first: 100) {\n        edges {\n          node {\n            id\n          }\n        }\n      }\n      lists {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateMovie($movieId: ID!, $rating: Float!) {\n    rateMovie(movieId: $movieId, rating: $rating) {\n      rating\n    }\n  }\n"): (typeof documents)["\n  mutation RateMovie($movieId: ID!, $rating: Float!) {\n    rateMovie(movieId: $movieId, rating: $rating) {\n      rating\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WriteReview($movieId: ID!, $rating: Float!, $body: String!) {\n    writeReview(movieId: $movieId, rating: $rating, body: $body) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation WriteReview($movieId: ID!, $rating: Float!, $body: String!) {\n    writeReview(movieId: $movieId, rating: $rating, body: $body) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToWatchlist($movieId: ID!) {\n    addToWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddToWatchlist($movieId: ID!) {\n    addToWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromWatchlist($movieId: ID!) {\n    removeFromWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromWatchlist($movieId: ID!) {\n    removeFromWatchlist(movieId: $movieId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToList($listId: ID!, $movieId: ID!) {\n    addToList(listId: $listId, movieId: $movieId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddToList($listId: ID!, $movieId: ID!) {\n    addToList(listId: $listId, movieId: $movieId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      birthYear\n      deathYear\n      professions\n      credits(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            characters\n            movie {\n              id\n              title\n              year\n              ...MovieCardFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PersonPage($id: ID!) {\n    person(id: $id) {\n      id\n      name\n      birthYear\n      deathYear\n      professions\n      credits(first: 50) {\n        totalCount\n        edges {\n          node {\n            id\n            role\n            characters\n            movie {\n              id\n              title\n              year\n              ...MovieCardFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GenreTrends($from: Int!, $to: Int!, $year: Int!) {\n    yearly: genreTrends(from: $from, to: $to, bucket: YEAR) {\n      genre\n      year\n      titlesReleased\n      ratingsGiven\n      averageRating\n    }\n    monthly: genreTrends(from: $year, to: $year, bucket: MONTH) {\n      genre\n      year\n      month\n      ratingsGiven\n      averageRating\n    }\n  }\n"): (typeof documents)["\n  query GenreTrends($from: Int!, $to: Int!, $year: Int!) {\n    yearly: genreTrends(from: $from, to: $to, bucket: YEAR) {\n      genre\n      year\n      titlesReleased\n      ratingsGiven\n      averageRating\n    }\n    monthly: genreTrends(from: $year, to: $year, bucket: MONTH) {\n      genre\n      year\n      month\n      ratingsGiven\n      averageRating\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
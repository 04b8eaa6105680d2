import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityReference, ScoredMovie } from '../stores/recommendationStore.ts';
import type { UserRatingStats, PersonShare, ModelVersionRecord, GenreTrendRow } from '../stores/analyticsStore.ts';
import type { RecommendationsUpdatedEvent } from '../events/notifications.ts';
import type { HistoryRecord } from '../stores/historyStore.ts';
import type { RecommendationsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Statistics of the catalogue for operators (the movies subgraph answers `catalogueStats`). */
export type CatalogueStats = {
  __typename?: 'CatalogueStats';
  id: Scalars['ID']['output'];
  /** Trained model versions, newest first (admins only). `first` is 1 to 100. */
  modelVersions: Array<ModelVersion>;
};


/** Statistics of the catalogue for operators (the movies subgraph answers `catalogueStats`). */
export type CatalogueStatsModelVersionsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A genre among the films a user rated. */
export type GenreActivity = {
  __typename?: 'GenreActivity';
  /** The user's mean rating of them. */
  averageRating: Scalars['Float']['output'];
  genre: Scalars['String']['output'];
  /** Films of this genre the user rated. */
  ratings: Scalars['Int']['output'];
};

/** One genre in one year or month (UTC). */
export type GenreTrend = {
  __typename?: 'GenreTrend';
  /** The mean of those ratings; `null` when there were none. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  genre: Scalars['String']['output'];
  /** 1 to 12 in MONTH buckets; `null` in YEAR buckets. */
  month?: Maybe<Scalars['Int']['output']>;
  /** Ratings Marquee users gave films of the genre in the period. */
  ratingsGiven: Scalars['Int']['output'];
  /**
   * Films of the genre released in the year. The catalogue knows release years only, so MONTH
   * buckets carry `null`.
   */
  titlesReleased?: Maybe<Scalars['Int']['output']>;
  year: Scalars['Int']['output'];
};

export type HistoryConnection = {
  __typename?: 'HistoryConnection';
  edges: Array<HistoryEdge>;
  pageInfo: PageInfo;
};

export type HistoryEdge = {
  __typename?: 'HistoryEdge';
  cursor: Scalars['String']['output'];
  node: HistoryEntry;
};

/** One thing a user did with a film. */
export type HistoryEntry = {
  __typename?: 'HistoryEntry';
  /** When it happened (for a repeated interaction: its first time that day, UTC). */
  at: Scalars['DateTime']['output'];
  kind: HistoryKind;
  /** The film; `null` (with an error) when the catalogue no longer holds it. */
  movie?: Maybe<Movie>;
  /** The stars, for `RATED`; `null` otherwise. */
  rating?: Maybe<Scalars['Float']['output']>;
};

/** What one entry of a user's history records. */
export type HistoryKind =
  /** Rated the film (`rating` holds the stars). */
  | 'RATED'
  | 'TRAILER_PLAYED'
  | 'VIEWED'
  | 'WATCHED';

/** A signal about a film that is not a rating, recorded with `recordInteraction`. */
export type InteractionKind =
  /** Played its trailer. */
  | 'TRAILER_PLAYED'
  /** Opened the film's page. */
  | 'VIEWED'
  /** Watched the film. */
  | 'WATCHED';

/** A named number. */
export type ModelMetric = {
  __typename?: 'ModelMetric';
  name: Scalars['String']['output'];
  value: Scalars['Float']['output'];
};

/** One trained model snapshot. */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  createdAt: Scalars['DateTime']['output'];
  /** `ease`, `item-knn` or `als`. */
  kind: Scalars['String']['output'];
  /**
   * Offline quality on a held-out, time-ordered split (e.g. `ndcg@10`, `recall@20`), when the
   * version was evaluated; empty otherwise.
   */
  metrics: Array<ModelMetric>;
  /** What it was trained on and how long it took, e.g. `users`, `items`, `interactions`, `trainSeconds`. */
  training: Array<ModelMetric>;
  version: Scalars['Int']['output'];
};

/** One user's ratings in one month (UTC). */
export type MonthActivity = {
  __typename?: 'MonthActivity';
  averageRating: Scalars['Float']['output'];
  /** `YYYY-MM`. */
  month: Scalars['String']['output'];
  ratings: Scalars['Int']['output'];
};

export type Movie = {
  __typename?: 'Movie';
  id: Scalars['ID']['output'];
  /**
   * The rating the signed-in viewer would give this film, 0.5 to 5 stars ("you'd rate this 4.2"),
   * from a rating model trained with the ranking model and the viewer's current ratings. `null` for
   * anonymous viewers, for films the viewer has rated, and before any model is trained.
   */
  predictedRating?: Maybe<Scalars['Float']['output']>;
  /**
   * Films like this one, never the film itself: content similarity (shared genres, people and
   * keywords) blended with collaborative similarity (films the same audience liked) from the
   * newest trained model. `first` is 1 to 100.
   */
  similar?: Maybe<Array<Movie>>;
};


export type MovieSimilarArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records that the signed-in user viewed a film's page, played its trailer or watched it. Kept
   * once per user, film, kind and UTC day: recording it again that day changes nothing and returns
   * the first record. Private (see `User.history`). `NOT_FOUND` for a film the catalogue does not
   * hold. Counts against the per-user write rate limit like every mutation.
   */
  recordInteraction: HistoryEntry;
};


export type MutationRecordInteractionArgs = {
  kind: InteractionKind;
  movieId: Scalars['ID']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A person, resolved by the people subgraph. */
export type Person = {
  __typename?: 'Person';
  id: Scalars['ID']['output'];
};

/** A person credited on films a user rated. */
export type PersonActivity = {
  __typename?: 'PersonActivity';
  /** Films the user rated that credit this person. */
  films: Scalars['Int']['output'];
  /** `null` (with an error) when the people subgraph no longer holds them. */
  person?: Maybe<Person>;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Per genre and period from year `from` to year `to` (inclusive, UTC): films released and
   * ratings given, from precomputed rollups. `to` defaults to the current year and `from` to
   * `to - 19` (YEAR) or `to` (MONTH); a range spans at most 200 years (YEAR) or 10 years (MONTH).
   * Periods in which a genre had neither films nor ratings are left out.
   */
  genreTrends: Array<GenreTrend>;
  /**
   * The most liked films (time-decayed: a like from a year ago counts half), optionally in one
   * genre (exact genre name, e.g. `Sci-Fi`). `first` is 1 to 100.
   */
  popular: Array<Recommendation>;
  /**
   * Films rated highly most often in the window, recent ratings weighing more (half-life: half
   * the window); topped up with all-time popular films when the window is quiet. `first` is 1 to 100.
   */
  trending: Array<Recommendation>;
};


export type QueryGenreTrendsArgs = {
  bucket?: InputMaybe<TrendBucket>;
  from?: InputMaybe<Scalars['Int']['input']>;
  to?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPopularArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  genre?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTrendingArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  window?: InputMaybe<TrendWindow>;
};

/** A film recommended to someone, with why. */
export type Recommendation = {
  __typename?: 'Recommendation';
  /** The film; `null` (with an error) when the catalogue no longer holds it. */
  movie?: Maybe<Movie>;
  /** Why this film, e.g. `Popular in Sci-Fi`. */
  reason: Scalars['String']['output'];
  /** Higher is better; comparable within one list only. */
  score: Scalars['Float']['output'];
};

/**
 * The signed-in user's recommendations changed: films entered their top 20 after one of their
 * ratings, or a new film joined the catalogue and made it in ("New arrival").
 */
export type RecommendationUpdate = {
  __typename?: 'RecommendationUpdate';
  /** The films that entered the top 20, best first. */
  added: Array<Recommendation>;
  /** When the change was computed. */
  at: Scalars['DateTime']['output'];
  /** The whole current list, best first. `first` is 1 to 100. */
  recommendations: Array<Recommendation>;
  /** Whose recommendations changed (always the subscriber). */
  user: User;
};


/**
 * The signed-in user's recommendations changed: films entered their top 20 after one of their
 * ratings, or a new film joined the catalogue and made it in ("New arrival").
 */
export type RecommendationUpdateRecommendationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Live changes to the signed-in user's recommendations. Served over graphql-ws at the router's
   * `/graphql` (authenticate in `connection_init` with `{ "authorization": "Bearer <token>" }`).
   * Events raised while a connection is down are not replayed: after reconnecting, read
   * `me { recommendations }` to catch up.
   */
  recommendationsUpdated: RecommendationUpdate;
};

/** The period length of `genreTrends`. */
export type TrendBucket =
  | 'MONTH'
  | 'YEAR';

/** The period `trending` looks back over. */
export type TrendWindow =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

export type User = {
  __typename?: 'User';
  /**
   * What this user did on Marquee, most recent first: films viewed, trailers played, films
   * watched (`recordInteraction`) and ratings. Private to the user: anyone else, admins included,
   * gets FORBIDDEN. `first` is 1 to 100.
   */
  history?: Maybe<HistoryConnection>;
  id: Scalars['ID']['output'];
  /**
   * Personal top-N for the signed-in owner (or an admin), never a film the user has rated. Scored
   * by the newest trained model from the user's liked films, so a new rating shows within seconds
   * without retraining ("Because you liked Alien"); users with fewer than three liked films get
   * popular films in their favourite genres and new arrivals instead. `first` is 1 to 100.
   */
  recommendations?: Maybe<Array<Recommendation>>;
  /**
   * What the user's ratings add up to, for the user (or an admin): ratings by month, favourite
   * genres, the people in the films they rated most, and their average rating against everyone's
   * on the same films.
   */
  stats?: Maybe<UserStats>;
};


export type UserHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserRecommendationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What one user's ratings add up to. */
export type UserStats = {
  __typename?: 'UserStats';
  /** The user's mean rating; `null` before their first. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  /** Everyone's mean rating of the films this user rated; `null` before their first. */
  communityAverageRating?: Maybe<Scalars['Float']['output']>;
  /** Most rated first. `first` is 1 to 100. */
  favouriteGenres: Array<GenreActivity>;
  /** Most films first. `first` is 1 to 100. */
  peopleMostWatched: Array<PersonActivity>;
  ratings: Scalars['Int']['output'];
  /** Oldest month first; months without ratings are left out. */
  ratingsByMonth: Array<MonthActivity>;
};


/** What one user's ratings add up to. */
export type UserStatsFavouriteGenresArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** What one user's ratings add up to. */
export type UserStatsPeopleMostWatchedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  CatalogueStats: CatalogueStats;
  Movie: Movie;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CatalogueStats:
    ( { __typename: 'CatalogueStats' }
    & GraphQLRecursivePick<FederationTypes['CatalogueStats'], {"id":true}> );
  Movie:
    ( { __typename: 'Movie' }
    & GraphQLRecursivePick<FederationTypes['Movie'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CatalogueStats: ResolverTypeWrapper<EntityReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GenreActivity: ResolverTypeWrapper<GenreActivity>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  GenreTrend: ResolverTypeWrapper<GenreTrendRow>;
  HistoryConnection: ResolverTypeWrapper<Omit<HistoryConnection, 'edges'> & { edges: Array<ResolversTypes['HistoryEdge']> }>;
  HistoryEdge: ResolverTypeWrapper<Omit<HistoryEdge, 'node'> & { node: ResolversTypes['HistoryEntry'] }>;
  HistoryEntry: ResolverTypeWrapper<HistoryRecord>;
  HistoryKind: HistoryKind;
  InteractionKind: InteractionKind;
  ModelMetric: ResolverTypeWrapper<ModelMetric>;
  ModelVersion: ResolverTypeWrapper<ModelVersionRecord>;
  MonthActivity: ResolverTypeWrapper<MonthActivity>;
  Movie: ResolverTypeWrapper<EntityReference>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Person: ResolverTypeWrapper<EntityReference>;
  PersonActivity: ResolverTypeWrapper<PersonShare>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Recommendation: ResolverTypeWrapper<ScoredMovie>;
  RecommendationUpdate: ResolverTypeWrapper<RecommendationsUpdatedEvent>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendBucket: TrendBucket;
  TrendWindow: TrendWindow;
  User: ResolverTypeWrapper<EntityReference>;
  UserStats: ResolverTypeWrapper<UserRatingStats>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CatalogueStats: EntityReference;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  DateTime: Scalars['DateTime']['output'];
  GenreActivity: GenreActivity;
  Float: Scalars['Float']['output'];
  String: Scalars['String']['output'];
  GenreTrend: GenreTrendRow;
  HistoryConnection: Omit<HistoryConnection, 'edges'> & { edges: Array<ResolversParentTypes['HistoryEdge']> };
  HistoryEdge: Omit<HistoryEdge, 'node'> & { node: ResolversParentTypes['HistoryEntry'] };
  HistoryEntry: HistoryRecord;
  ModelMetric: ModelMetric;
  ModelVersion: ModelVersionRecord;
  MonthActivity: MonthActivity;
  Movie: EntityReference;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Person: EntityReference;
  PersonActivity: PersonShare;
  Query: Record<PropertyKey, never>;
  Recommendation: ScoredMovie;
  RecommendationUpdate: RecommendationsUpdatedEvent;
  Subscription: Record<PropertyKey, never>;
  User: EntityReference;
  UserStats: UserRatingStats;
}>;

export type CatalogueStatsResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['CatalogueStats'] = ResolversParentTypes['CatalogueStats'], FederationReferenceType extends FederationReferenceTypes['CatalogueStats'] = FederationReferenceTypes['CatalogueStats']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CatalogueStats']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  modelVersions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<CatalogueStatsModelVersionsArgs, 'first'>>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GenreActivityResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['GenreActivity'] = ResolversParentTypes['GenreActivity']> = ResolversObject<{
  averageRating?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  genre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type GenreTrendResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['GenreTrend'] = ResolversParentTypes['GenreTrend']> = ResolversObject<{
  averageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  genre?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  month?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  ratingsGiven?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  titlesReleased?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type HistoryConnectionResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['HistoryConnection'] = ResolversParentTypes['HistoryConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['HistoryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type HistoryEdgeResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['HistoryEdge'] = ResolversParentTypes['HistoryEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['HistoryEntry'], ParentType, ContextType>;
}>;

export type HistoryEntryResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['HistoryEntry'] = ResolversParentTypes['HistoryEntry']> = ResolversObject<{
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['HistoryKind'], ParentType, ContextType>;
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  rating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ModelMetricResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['ModelMetric'] = ResolversParentTypes['ModelMetric']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metrics?: Resolver<Array<ResolversTypes['ModelMetric']>, ParentType, ContextType>;
  training?: Resolver<Array<ResolversTypes['ModelMetric']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MonthActivityResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['MonthActivity'] = ResolversParentTypes['MonthActivity']> = ResolversObject<{
  averageRating?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MovieResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie'], FederationReferenceType extends FederationReferenceTypes['Movie'] = FederationReferenceTypes['Movie']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Movie']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  predictedRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  similar?: Resolver<Maybe<Array<ResolversTypes['Movie']>>, ParentType, ContextType, RequireFields<MovieSimilarArgs, 'first'>>;
}>;

export type MutationResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  recordInteraction?: Resolver<ResolversTypes['HistoryEntry'], ParentType, ContextType, RequireFields<MutationRecordInteractionArgs, 'kind' | 'movieId'>>;
}>;

export type PageInfoResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PersonActivityResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['PersonActivity'] = ResolversParentTypes['PersonActivity']> = ResolversObject<{
  films?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  genreTrends?: Resolver<Array<ResolversTypes['GenreTrend']>, ParentType, ContextType, RequireFields<QueryGenreTrendsArgs, 'bucket'>>;
  popular?: Resolver<Array<ResolversTypes['Recommendation']>, ParentType, ContextType, RequireFields<QueryPopularArgs, 'first'>>;
  trending?: Resolver<Array<ResolversTypes['Recommendation']>, ParentType, ContextType, RequireFields<QueryTrendingArgs, 'first' | 'window'>>;
}>;

export type RecommendationResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Recommendation'] = ResolversParentTypes['Recommendation']> = ResolversObject<{
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type RecommendationUpdateResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['RecommendationUpdate'] = ResolversParentTypes['RecommendationUpdate']> = ResolversObject<{
  added?: Resolver<Array<ResolversTypes['Recommendation']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  recommendations?: Resolver<Array<ResolversTypes['Recommendation']>, ParentType, ContextType, RequireFields<RecommendationUpdateRecommendationsArgs, 'first'>>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  recommendationsUpdated?: SubscriptionResolver<ResolversTypes['RecommendationUpdate'], "recommendationsUpdated", ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  history?: Resolver<Maybe<ResolversTypes['HistoryConnection']>, ParentType, ContextType, RequireFields<UserHistoryArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recommendations?: Resolver<Maybe<Array<ResolversTypes['Recommendation']>>, ParentType, ContextType, RequireFields<UserRecommendationsArgs, 'first'>>;
  stats?: Resolver<Maybe<ResolversTypes['UserStats']>, ParentType, ContextType>;
}>;

export type UserStatsResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['UserStats'] = ResolversParentTypes['UserStats']> = ResolversObject<{
  averageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  communityAverageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  favouriteGenres?: Resolver<Array<ResolversTypes['GenreActivity']>, ParentType, ContextType, RequireFields<UserStatsFavouriteGenresArgs, 'first'>>;
  peopleMostWatched?: Resolver<Array<ResolversTypes['PersonActivity']>, ParentType, ContextType, RequireFields<UserStatsPeopleMostWatchedArgs, 'first'>>;
  ratings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ratingsByMonth?: Resolver<Array<ResolversTypes['MonthActivity']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = RecommendationsContext> = ResolversObject<{
  CatalogueStats?: CatalogueStatsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GenreActivity?: GenreActivityResolvers<ContextType>;
  GenreTrend?: GenreTrendResolvers<ContextType>;
  HistoryConnection?: HistoryConnectionResolvers<ContextType>;
  HistoryEdge?: HistoryEdgeResolvers<ContextType>;
  HistoryEntry?: HistoryEntryResolvers<ContextType>;
  ModelMetric?: ModelMetricResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  MonthActivity?: MonthActivityResolvers<ContextType>;
  Movie?: MovieResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonActivity?: PersonActivityResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Recommendation?: RecommendationResolvers<ContextType>;
  RecommendationUpdate?: RecommendationUpdateResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserStats?: UserStatsResolvers<ContextType>;
}>;


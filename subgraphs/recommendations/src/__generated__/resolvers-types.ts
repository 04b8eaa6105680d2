import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityReference, ScoredMovie } from '../stores/recommendationStore.ts';
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

export type Query = {
  __typename?: 'Query';
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
};


export type UserHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserRecommendationsArgs = {
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
  Movie: Movie;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Movie:
    ( { __typename: 'Movie' }
    & GraphQLRecursivePick<FederationTypes['Movie'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  HistoryConnection: ResolverTypeWrapper<Omit<HistoryConnection, 'edges'> & { edges: Array<ResolversTypes['HistoryEdge']> }>;
  HistoryEdge: ResolverTypeWrapper<Omit<HistoryEdge, 'node'> & { node: ResolversTypes['HistoryEntry'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  HistoryEntry: ResolverTypeWrapper<HistoryRecord>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  HistoryKind: HistoryKind;
  InteractionKind: InteractionKind;
  Movie: ResolverTypeWrapper<EntityReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Recommendation: ResolverTypeWrapper<ScoredMovie>;
  RecommendationUpdate: ResolverTypeWrapper<RecommendationsUpdatedEvent>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendWindow: TrendWindow;
  User: ResolverTypeWrapper<EntityReference>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  HistoryConnection: Omit<HistoryConnection, 'edges'> & { edges: Array<ResolversParentTypes['HistoryEdge']> };
  HistoryEdge: Omit<HistoryEdge, 'node'> & { node: ResolversParentTypes['HistoryEntry'] };
  String: Scalars['String']['output'];
  HistoryEntry: HistoryRecord;
  Float: Scalars['Float']['output'];
  Movie: EntityReference;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Recommendation: ScoredMovie;
  RecommendationUpdate: RecommendationsUpdatedEvent;
  Subscription: Record<PropertyKey, never>;
  User: EntityReference;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

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

export type QueryResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
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
}>;

export type Resolvers<ContextType = RecommendationsContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  HistoryConnection?: HistoryConnectionResolvers<ContextType>;
  HistoryEdge?: HistoryEdgeResolvers<ContextType>;
  HistoryEntry?: HistoryEntryResolvers<ContextType>;
  Movie?: MovieResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Recommendation?: RecommendationResolvers<ContextType>;
  RecommendationUpdate?: RecommendationUpdateResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;


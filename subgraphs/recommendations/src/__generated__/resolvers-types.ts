import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { EntityReference, ScoredMovie } from '../stores/recommendationStore.ts';
import type { RecommendationsUpdatedEvent } from '../events/notifications.ts';
import type { RecommendationsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type Movie = {
  __typename?: 'Movie';
  id: Scalars['ID']['output'];
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
  id: Scalars['ID']['output'];
  /**
   * Personal top-N for the signed-in owner (or an admin), never a film the user has rated. Scored
   * by the newest trained model from the user's liked films, so a new rating shows within seconds
   * without retraining ("Because you liked Alien"); users with fewer than three liked films get
   * popular films in their favourite genres and new arrivals instead. `first` is 1 to 100.
   */
  recommendations?: Maybe<Array<Recommendation>>;
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
  Movie: ResolverTypeWrapper<EntityReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Recommendation: ResolverTypeWrapper<ScoredMovie>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  RecommendationUpdate: ResolverTypeWrapper<RecommendationsUpdatedEvent>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendWindow: TrendWindow;
  User: ResolverTypeWrapper<EntityReference>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Movie: EntityReference;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  Recommendation: ScoredMovie;
  Float: Scalars['Float']['output'];
  RecommendationUpdate: RecommendationsUpdatedEvent;
  Subscription: Record<PropertyKey, never>;
  User: EntityReference;
  Boolean: Scalars['Boolean']['output'];
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MovieResolvers<ContextType = RecommendationsContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie'], FederationReferenceType extends FederationReferenceTypes['Movie'] = FederationReferenceTypes['Movie']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Movie']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  similar?: Resolver<Maybe<Array<ResolversTypes['Movie']>>, ParentType, ContextType, RequireFields<MovieSimilarArgs, 'first'>>;
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
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  recommendations?: Resolver<Maybe<Array<ResolversTypes['Recommendation']>>, ParentType, ContextType, RequireFields<UserRecommendationsArgs, 'first'>>;
}>;

export type Resolvers<ContextType = RecommendationsContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Movie?: MovieResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Recommendation?: RecommendationResolvers<ContextType>;
  RecommendationUpdate?: RecommendationUpdateResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;


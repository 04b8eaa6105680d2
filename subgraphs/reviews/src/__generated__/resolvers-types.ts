import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { RatingRecord, RatingSummaryRecord, EntityReference } from '../stores/ratingStore.ts';
import type { ReviewRecord } from '../stores/reviewStore.ts';
import type { ReviewsContext } from '../context.ts';
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

/** Who may share a cached response: anyone (`PUBLIC`) or only the caller (`PRIVATE`). */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

export type Movie = {
  __typename?: 'Movie';
  id: Scalars['ID']['output'];
  ratingSummary?: Maybe<RatingSummary>;
  /** Reviews of this film. `first` is 1 to 100 (default 10). */
  reviews?: Maybe<ReviewConnection>;
};


export type MovieReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ReviewOrder>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Remove your rating of a film, and with it your review of that film (a review is text about a
   * rating). `true` when there was a rating to remove, `false` when there was none: removing twice
   * changes nothing.
   */
  deleteRating: Scalars['Boolean']['output'];
  /** Delete your review (admins may delete any review). Your rating of the film stays. */
  deleteReview: Scalars['ID']['output'];
  /** Change your review's rating, body or both (admins may edit any review). */
  editReview: Review;
  /**
   * Rate a film as the signed-in user; rating again replaces the earlier rating. `NOT_FOUND` when
   * the catalogue holds no film with that id.
   */
  rateMovie: Rating;
  /**
   * Review a film as the signed-in user: sets your rating and writes your review (1 to 10,000
   * characters). Writing again replaces your earlier review of that film. `NOT_FOUND` when the
   * catalogue holds no film with that id.
   */
  writeReview: Review;
};


export type MutationDeleteRatingArgs = {
  movieId: Scalars['ID']['input'];
};


export type MutationDeleteReviewArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEditReviewArgs = {
  body?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  rating?: InputMaybe<Scalars['Float']['input']>;
};


export type MutationRateMovieArgs = {
  movieId: Scalars['ID']['input'];
  rating: Scalars['Float']['input'];
};


export type MutationWriteReviewArgs = {
  body: Scalars['String']['input'];
  movieId: Scalars['ID']['input'];
  rating: Scalars['Float']['input'];
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
  /** A review by id; `null` when there is none. */
  review?: Maybe<Review>;
};


export type QueryReviewArgs = {
  id: Scalars['ID']['input'];
};

/** One user's rating of one film: 0.5 to 5 stars in halves. */
export type Rating = {
  __typename?: 'Rating';
  /** The film; `null` (with an error) when the catalogue no longer holds it. */
  movie?: Maybe<Movie>;
  rating: Scalars['Float']['output'];
  updatedAt: Scalars['DateTime']['output'];
  user?: Maybe<User>;
};

/** How many users gave a film one half-star rating. */
export type RatingBucket = {
  __typename?: 'RatingBucket';
  count: Scalars['Int']['output'];
  rating: Scalars['Float']['output'];
};

/** How a film is rated across all users. */
export type RatingSummary = {
  __typename?: 'RatingSummary';
  /** Mean rating, `null` when nobody has rated it. */
  average?: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
  /** Ten buckets, 0.5 to 5, in order; empty buckets have count 0. */
  histogram: Array<RatingBucket>;
};

/** A written review of a film. Its rating is the author's rating of the film (one per user and film). */
export type Review = {
  __typename?: 'Review';
  author?: Maybe<User>;
  /** 1 to 10,000 characters, stored and returned as written. */
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The film; `null` (with an error) when the catalogue no longer holds it. */
  movie?: Maybe<Movie>;
  rating: Scalars['Float']['output'];
  /** Computed from the body when it is written or edited. */
  sentiment: Sentiment;
  updatedAt: Scalars['DateTime']['output'];
};

export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  edges: Array<ReviewEdge>;
  pageInfo: PageInfo;
};

export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  cursor: Scalars['String']['output'];
  node: Review;
};

export type ReviewOrder =
  /** Most recently written or edited first. */
  | 'NEWEST'
  /** Highest rating first, then newest. */
  | 'RATING';

/** The tone of a review's text, from the `sentiment` library (AFINN-165 word list). */
export type Sentiment = {
  __typename?: 'Sentiment';
  label: SentimentLabel;
  /** Comparative score: the sum of word scores divided by the number of words (about -5 to 5). */
  score: Scalars['Float']['output'];
};

export type SentimentLabel =
  | 'NEGATIVE'
  | 'NEUTRAL'
  | 'POSITIVE';

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** This user's ratings, most recent first. `first` is 1 to 100. */
  ratings?: Maybe<Array<Rating>>;
  /** This user's reviews, most recent first. `first` is 1 to 100. */
  reviews?: Maybe<Array<Review>>;
};


export type UserRatingsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserReviewsArgs = {
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
  Review: Review;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Movie:
    ( { __typename: 'Movie' }
    & GraphQLRecursivePick<FederationTypes['Movie'], {"id":true}> );
  Review:
    ( { __typename: 'Review' }
    & GraphQLRecursivePick<FederationTypes['Review'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Movie: ResolverTypeWrapper<EntityReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Rating: ResolverTypeWrapper<RatingRecord>;
  RatingBucket: ResolverTypeWrapper<RatingBucket>;
  RatingSummary: ResolverTypeWrapper<RatingSummaryRecord>;
  Review: ResolverTypeWrapper<ReviewRecord>;
  ReviewConnection: ResolverTypeWrapper<Omit<ReviewConnection, 'edges'> & { edges: Array<ResolversTypes['ReviewEdge']> }>;
  ReviewEdge: ResolverTypeWrapper<Omit<ReviewEdge, 'node'> & { node: ResolversTypes['Review'] }>;
  ReviewOrder: ReviewOrder;
  Sentiment: ResolverTypeWrapper<Sentiment>;
  SentimentLabel: SentimentLabel;
  User: ResolverTypeWrapper<EntityReference>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Movie: EntityReference;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Float: Scalars['Float']['output'];
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Rating: RatingRecord;
  RatingBucket: RatingBucket;
  RatingSummary: RatingSummaryRecord;
  Review: ReviewRecord;
  ReviewConnection: Omit<ReviewConnection, 'edges'> & { edges: Array<ResolversParentTypes['ReviewEdge']> };
  ReviewEdge: Omit<ReviewEdge, 'node'> & { node: ResolversParentTypes['Review'] };
  Sentiment: Sentiment;
  User: EntityReference;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = ReviewsContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MovieResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie'], FederationReferenceType extends FederationReferenceTypes['Movie'] = FederationReferenceTypes['Movie']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Movie']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ratingSummary?: Resolver<Maybe<ResolversTypes['RatingSummary']>, ParentType, ContextType>;
  reviews?: Resolver<Maybe<ResolversTypes['ReviewConnection']>, ParentType, ContextType, RequireFields<MovieReviewsArgs, 'first' | 'orderBy'>>;
}>;

export type MutationResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  deleteRating?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteRatingArgs, 'movieId'>>;
  deleteReview?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteReviewArgs, 'id'>>;
  editReview?: Resolver<ResolversTypes['Review'], ParentType, ContextType, RequireFields<MutationEditReviewArgs, 'id'>>;
  rateMovie?: Resolver<ResolversTypes['Rating'], ParentType, ContextType, RequireFields<MutationRateMovieArgs, 'movieId' | 'rating'>>;
  writeReview?: Resolver<ResolversTypes['Review'], ParentType, ContextType, RequireFields<MutationWriteReviewArgs, 'body' | 'movieId' | 'rating'>>;
}>;

export type PageInfoResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  review?: Resolver<Maybe<ResolversTypes['Review']>, ParentType, ContextType, RequireFields<QueryReviewArgs, 'id'>>;
}>;

export type RatingResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Rating'] = ResolversParentTypes['Rating']> = ResolversObject<{
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
}>;

export type RatingBucketResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['RatingBucket'] = ResolversParentTypes['RatingBucket']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type RatingSummaryResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['RatingSummary'] = ResolversParentTypes['RatingSummary']> = ResolversObject<{
  average?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  histogram?: Resolver<Array<ResolversTypes['RatingBucket']>, ParentType, ContextType>;
}>;

export type ReviewResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'], FederationReferenceType extends FederationReferenceTypes['Review'] = FederationReferenceTypes['Review']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Review']> | FederationReferenceType, FederationReferenceType, ContextType>;
  author?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sentiment?: Resolver<ResolversTypes['Sentiment'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type ReviewConnectionResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['ReviewConnection'] = ResolversParentTypes['ReviewConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ReviewEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type ReviewEdgeResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['ReviewEdge'] = ResolversParentTypes['ReviewEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Review'], ParentType, ContextType>;
}>;

export type SentimentResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['Sentiment'] = ResolversParentTypes['Sentiment']> = ResolversObject<{
  label?: Resolver<ResolversTypes['SentimentLabel'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = ReviewsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ratings?: Resolver<Maybe<Array<ResolversTypes['Rating']>>, ParentType, ContextType, RequireFields<UserRatingsArgs, 'first'>>;
  reviews?: Resolver<Maybe<Array<ResolversTypes['Review']>>, ParentType, ContextType, RequireFields<UserReviewsArgs, 'first'>>;
}>;

export type Resolvers<ContextType = ReviewsContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Movie?: MovieResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Rating?: RatingResolvers<ContextType>;
  RatingBucket?: RatingBucketResolvers<ContextType>;
  RatingSummary?: RatingSummaryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewConnection?: ReviewConnectionResolvers<ContextType>;
  ReviewEdge?: ReviewEdgeResolvers<ContextType>;
  Sentiment?: SentimentResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = ReviewsContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;

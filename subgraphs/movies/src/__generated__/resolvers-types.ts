import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { MovieRecord } from '../stores/movieStore.ts';
import type { CatalogueStatsRecord, IngestionRunRecord } from '../stores/catalogueStatsStore.ts';
import type { MovieConnectionModel } from '../resolvers/MovieConnection.ts';
import type { MoviesContext } from '../context.ts';
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

/** Statistics of the catalogue for operators. There is one, with the id `catalogue`. */
export type CatalogueStats = {
  __typename?: 'CatalogueStats';
  /** Titles per kind (`movie`, `tvSeries`, …), most first. */
  byKind: Array<TitleCount>;
  /**
   * Titles holding an id of each source (`imdb`, `movielens`, `tmdb`; a title can count under
   * several), and `none` for titles holding none (the demo catalogue); most first.
   */
  bySource: Array<TitleCount>;
  id: Scalars['ID']['output'];
  /** `marquee ingest` runs, newest first. `first` is 1 to 100. */
  ingestionRuns: Array<IngestionRun>;
  /** Every title, whatever its kind. */
  titles: Scalars['Int']['output'];
};


/** Statistics of the catalogue for operators. There is one, with the id `catalogue`. */
export type CatalogueStatsIngestionRunsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Identifiers of a film in public datasets; a film imported from several sources carries all of them. */
export type ExternalIds = {
  __typename?: 'ExternalIds';
  /** IMDb title id (`tconst`), e.g. `tt0068646`. */
  imdb?: Maybe<Scalars['String']['output']>;
  movielens?: Maybe<Scalars['String']['output']>;
  tmdb?: Maybe<Scalars['String']['output']>;
};

/** A public dataset Marquee imports films from. */
export type ExternalSource =
  | 'IMDB'
  | 'MOVIELENS'
  | 'TMDB';

/** A genre and how many titles in the catalogue carry it. */
export type Genre = {
  __typename?: 'Genre';
  movieCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

/** What one file of an ingestion run did: `read = inserted + updated + unchanged + rejected`. */
export type IngestionFile = {
  __typename?: 'IngestionFile';
  file: Scalars['String']['output'];
  inserted: Scalars['Int']['output'];
  read: Scalars['Int']['output'];
  rejected: Scalars['Int']['output'];
  seconds: Scalars['Float']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

/** One `marquee ingest` run. */
export type IngestionRun = {
  __typename?: 'IngestionRun';
  /** Per source file: lines read and what became of them. */
  files: Array<IngestionFile>;
  finishedAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** `bulk` (an initial load) or `incremental` (upserts). */
  mode: Scalars['String']['output'];
  /** `imdb` or `movielens`. */
  source: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
};

/** A film (or another kind of title) in the Marquee catalogue. */
export type Movie = {
  __typename?: 'Movie';
  /** Identifiers of this film in public datasets. */
  externalIds: ExternalIds;
  /** Genres in IMDb's vocabulary, e.g. `Sci-Fi`, `Drama`. */
  genres: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Plot keywords (from the movie's document); empty when there are none. */
  keywords: Array<Scalars['String']['output']>;
  /** What sort of title this is, in IMDb's vocabulary: `movie`, `tvSeries`, `tvMovie`, `short`, … */
  kind: Scalars['String']['output'];
  /** The title in its original language, when it differs. */
  originalTitle?: Maybe<Scalars['String']['output']>;
  /** A short synopsis (from the movie's document). */
  overview?: Maybe<Scalars['String']['output']>;
  /** A poster image URL (from the movie's document). */
  posterUrl?: Maybe<Scalars['String']['output']>;
  runtimeMinutes?: Maybe<Scalars['Int']['output']>;
  /** The poster line (from the movie's document). */
  tagline?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  /** Release year, when known. */
  year?: Maybe<Scalars['Int']['output']>;
};

/** A page of movies. */
export type MovieConnection = {
  __typename?: 'MovieConnection';
  edges: Array<MovieEdge>;
  pageInfo: PageInfo;
  /** How many movies match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type MovieEdge = {
  __typename?: 'MovieEdge';
  cursor: Scalars['String']['output'];
  node: Movie;
};

/** Narrows `movies`; every given condition must hold. */
export type MovieFilter = {
  /** Titles carrying every one of these genres. */
  genres?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Titles of any of these kinds (see `Movie.kind`). */
  kinds?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * Words of a title, typos allowed (`godfater` finds The Godfather). Matches by trigram word
   * similarity or by all words appearing in the title or original title.
   */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Released in or after this year. */
  yearFrom?: InputMaybe<Scalars['Int']['input']>;
  /** Released in or before this year. */
  yearTo?: InputMaybe<Scalars['Int']['input']>;
};

/** Unknown values (a missing year or rating) come last in both directions; ties are broken by id. */
export type MovieOrder = {
  direction?: SortDirection;
  field: MovieOrderField;
};

export type MovieOrderField =
  /** Popularity in the catalogue (IMDb vote counts or MovieLens rating counts, set by ingestion). */
  | 'POPULARITY'
  /**
   * The outside average rating stored with the movie (IMDb's or MovieLens', set by ingestion), not
   * Marquee users' ratings, which belong to the reviews subgraph.
   */
  | 'RATING'
  | 'TITLE'
  | 'YEAR';

/** Relay-style page information. */
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
   * What the catalogue holds and how it got there, for operators (admins only): titles by kind and
   * by source, `marquee ingest` runs, and (from the recommendations subgraph) model versions.
   */
  catalogueStats?: Maybe<CatalogueStats>;
  /** Every genre in the catalogue, alphabetically, with its number of titles. */
  genres: Array<Genre>;
  /** One movie by its Marquee id; `null` when there is none. */
  movie?: Maybe<Movie>;
  /** One movie by its id in a public dataset; `null` when there is none. */
  movieByExternalId?: Maybe<Movie>;
  /**
   * Browse or search the catalogue. `first` is 1 to 100.
   *
   * Order: `orderBy` when given; otherwise, with `filter.text`, by relevance (typo-tolerant title
   * match, in tenths) then popularity; otherwise most popular first. Cursors are opaque and only
   * valid for the same filter and order; relevance-ranked pages use offset cursors, ordered lists
   * keyset cursors.
   */
  movies: MovieConnection;
};


export type QueryMovieArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMovieByExternalIdArgs = {
  id: Scalars['String']['input'];
  source: ExternalSource;
};


export type QueryMoviesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MovieFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MovieOrder>;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** A number of titles sharing a kind or a source. */
export type TitleCount = {
  __typename?: 'TitleCount';
  /** The kind or the source. */
  key: Scalars['String']['output'];
  titles: Scalars['Int']['output'];
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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CatalogueStats:
    ( { __typename: 'CatalogueStats' }
    & GraphQLRecursivePick<FederationTypes['CatalogueStats'], {"id":true}> );
  Movie:
    ( { __typename: 'Movie' }
    & GraphQLRecursivePick<FederationTypes['Movie'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  CatalogueStats: ResolverTypeWrapper<CatalogueStatsRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  ExternalIds: ResolverTypeWrapper<ExternalIds>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ExternalSource: ExternalSource;
  Genre: ResolverTypeWrapper<Genre>;
  IngestionFile: ResolverTypeWrapper<IngestionFile>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  IngestionRun: ResolverTypeWrapper<IngestionRunRecord>;
  Movie: ResolverTypeWrapper<MovieRecord>;
  MovieConnection: ResolverTypeWrapper<MovieConnectionModel>;
  MovieEdge: ResolverTypeWrapper<Omit<MovieEdge, 'node'> & { node: ResolversTypes['Movie'] }>;
  MovieFilter: MovieFilter;
  MovieOrder: MovieOrder;
  MovieOrderField: MovieOrderField;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SortDirection: SortDirection;
  TitleCount: ResolverTypeWrapper<TitleCount>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  CatalogueStats: CatalogueStatsRecord;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  ExternalIds: ExternalIds;
  String: Scalars['String']['output'];
  Genre: Genre;
  IngestionFile: IngestionFile;
  Float: Scalars['Float']['output'];
  IngestionRun: IngestionRunRecord;
  Movie: MovieRecord;
  MovieConnection: MovieConnectionModel;
  MovieEdge: Omit<MovieEdge, 'node'> & { node: ResolversParentTypes['Movie'] };
  MovieFilter: MovieFilter;
  MovieOrder: MovieOrder;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  TitleCount: TitleCount;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = MoviesContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CatalogueStatsResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['CatalogueStats'] = ResolversParentTypes['CatalogueStats'], FederationReferenceType extends FederationReferenceTypes['CatalogueStats'] = FederationReferenceTypes['CatalogueStats']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CatalogueStats']> | FederationReferenceType, FederationReferenceType, ContextType>;
  byKind?: Resolver<Array<ResolversTypes['TitleCount']>, ParentType, ContextType>;
  bySource?: Resolver<Array<ResolversTypes['TitleCount']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ingestionRuns?: Resolver<Array<ResolversTypes['IngestionRun']>, ParentType, ContextType, RequireFields<CatalogueStatsIngestionRunsArgs, 'first'>>;
  titles?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type ExternalIdsResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['ExternalIds'] = ResolversParentTypes['ExternalIds']> = ResolversObject<{
  imdb?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  movielens?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tmdb?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type GenreResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['Genre'] = ResolversParentTypes['Genre']> = ResolversObject<{
  movieCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type IngestionFileResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['IngestionFile'] = ResolversParentTypes['IngestionFile']> = ResolversObject<{
  file?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inserted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  read?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type IngestionRunResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['IngestionRun'] = ResolversParentTypes['IngestionRun']> = ResolversObject<{
  files?: Resolver<Array<ResolversTypes['IngestionFile']>, ParentType, ContextType>;
  finishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MovieResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie'], FederationReferenceType extends FederationReferenceTypes['Movie'] = FederationReferenceTypes['Movie']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Movie']> | FederationReferenceType, FederationReferenceType, ContextType>;
  externalIds?: Resolver<ResolversTypes['ExternalIds'], ParentType, ContextType>;
  genres?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  keywords?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  originalTitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  overview?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  posterUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  runtimeMinutes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tagline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type MovieConnectionResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['MovieConnection'] = ResolversParentTypes['MovieConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['MovieEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MovieEdgeResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['MovieEdge'] = ResolversParentTypes['MovieEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Movie'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  catalogueStats?: Resolver<Maybe<ResolversTypes['CatalogueStats']>, ParentType, ContextType>;
  genres?: Resolver<Array<ResolversTypes['Genre']>, ParentType, ContextType>;
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType, RequireFields<QueryMovieArgs, 'id'>>;
  movieByExternalId?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType, RequireFields<QueryMovieByExternalIdArgs, 'id' | 'source'>>;
  movies?: Resolver<ResolversTypes['MovieConnection'], ParentType, ContextType, RequireFields<QueryMoviesArgs, 'first'>>;
}>;

export type TitleCountResolvers<ContextType = MoviesContext, ParentType extends ResolversParentTypes['TitleCount'] = ResolversParentTypes['TitleCount']> = ResolversObject<{
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titles?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = MoviesContext> = ResolversObject<{
  CatalogueStats?: CatalogueStatsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  ExternalIds?: ExternalIdsResolvers<ContextType>;
  Genre?: GenreResolvers<ContextType>;
  IngestionFile?: IngestionFileResolvers<ContextType>;
  IngestionRun?: IngestionRunResolvers<ContextType>;
  Movie?: MovieResolvers<ContextType>;
  MovieConnection?: MovieConnectionResolvers<ContextType>;
  MovieEdge?: MovieEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TitleCount?: TitleCountResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = MoviesContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;

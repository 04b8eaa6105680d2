import type { GraphQLResolveInfo } from 'graphql';
import type { PersonRecord, CreditRecord, MovieReference } from '../stores/peopleStore.ts';
import type { PersonGain, FilmGain } from '../stores/risingStore.ts';
import type { PersonConnectionModel } from '../resolvers/PersonConnection.ts';
import type { PeopleContext } from '../context.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** Who may share a cached response: anyone (`PUBLIC`) or only the caller (`PRIVATE`). */
export type CacheControlScope =
  | 'PRIVATE'
  | 'PUBLIC';

/** One person's part in one film. */
export type Credit = {
  __typename?: 'Credit';
  /** Position in the billing; 1 is top-billed. */
  billingOrder?: Maybe<Scalars['Int']['output']>;
  /** Characters played (actors only). */
  characters: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The film; `null` (with an error) when the catalogue does not hold it. */
  movie?: Maybe<Movie>;
  person: Person;
  role: CreditRole;
};

/** A page of one person's credits. */
export type CreditConnection = {
  __typename?: 'CreditConnection';
  edges: Array<CreditEdge>;
  pageInfo: PageInfo;
  /** How many credits match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type CreditEdge = {
  __typename?: 'CreditEdge';
  cursor: Scalars['String']['output'];
  node: Credit;
};

/** What a person did on a film. */
export type CreditRole =
  | 'ACTOR'
  | 'CINEMATOGRAPHER'
  | 'COMPOSER'
  | 'DIRECTOR'
  | 'EDITOR'
  | 'OTHER'
  | 'PRODUCER'
  | 'WRITER';

/** A film and the ratings it received in a window. */
export type FilmTrend = {
  __typename?: 'FilmTrend';
  /** The film; `null` (with an error) when the catalogue does not hold it. */
  movie?: Maybe<Movie>;
  ratings: Scalars['Int']['output'];
};

export type Movie = {
  __typename?: 'Movie';
  /** The cast in billing order. `first` is 1 to 100. */
  cast?: Maybe<Array<Credit>>;
  /** Everyone credited other than the cast: directors, then writers, producers and so on in `CreditRole` order, best billed first within a role. */
  crew?: Maybe<Array<Credit>>;
  directors?: Maybe<Array<Person>>;
  id: Scalars['ID']['output'];
  writers?: Maybe<Array<Person>>;
};


export type MovieCastArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Relay-style page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Someone who worked on films: actors, directors, writers and the rest of the crew. */
export type Person = {
  __typename?: 'Person';
  birthYear?: Maybe<Scalars['Int']['output']>;
  /**
   * This person's credits, best billed first, optionally in one role. `first` is 1 to 100; cursors
   * are opaque offsets into this person's list.
   */
  credits: CreditConnection;
  deathYear?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /**
   * The titles this person is best known for (IMDb's `knownForTitles`), in IMDb's order. An item is
   * `null` (with an error) when the catalogue does not hold that title.
   */
  knownFor?: Maybe<Array<Maybe<Movie>>>;
  name: Scalars['String']['output'];
  /** IMDb professions, e.g. `actor`, `director`. */
  professions: Array<Scalars['String']['output']>;
};


/** Someone who worked on films: actors, directors, writers and the rest of the crew. */
export type PersonCreditsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<CreditRole>;
};

/** A page of people. */
export type PersonConnection = {
  __typename?: 'PersonConnection';
  edges: Array<PersonEdge>;
  pageInfo: PageInfo;
  /** How many people match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type PersonEdge = {
  __typename?: 'PersonEdge';
  cursor: Scalars['String']['output'];
  node: Person;
};

/** Narrows `people`. */
export type PersonFilter = {
  /** Words of a name, typos allowed (trigram word similarity). */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** A person whose films gained ratings in a window. */
export type PersonTrend = {
  __typename?: 'PersonTrend';
  /** The films that drove it, most rated in the window first (at most 3). */
  films: Array<FilmTrend>;
  person: Person;
  /** Ratings their films (in the role asked for) received in the window. */
  ratings: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * People by name: closest match first (in tenths of word similarity), then those with known-for
   * titles, then alphabetically; everyone alphabetically when there is no text.
   * `first` is 1 to 100; cursors are opaque offsets.
   */
  people: PersonConnection;
  /** One person by id; `null` when there is none. */
  person?: Maybe<Person>;
  /**
   * People whose films gained the most ratings in the window (the last 1, 7 or 30 UTC days, today
   * included), in one role, with the films that drove it. Counted from Marquee's rating events
   * (ratings given or changed through the API). `first` is 1 to 100.
   */
  risingPeople: Array<PersonTrend>;
};


export type QueryPeopleArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PersonFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPersonArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRisingPeopleArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<CreditRole>;
  window?: InputMaybe<TrendWindow>;
};

/** The period `risingPeople` looks back over. */
export type TrendWindow =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

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
  Person: Person;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Movie:
    ( { __typename: 'Movie' }
    & GraphQLRecursivePick<FederationTypes['Movie'], {"id":true}> );
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  Credit: ResolverTypeWrapper<CreditRecord>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreditConnection: ResolverTypeWrapper<Omit<CreditConnection, 'edges'> & { edges: Array<ResolversTypes['CreditEdge']> }>;
  CreditEdge: ResolverTypeWrapper<Omit<CreditEdge, 'node'> & { node: ResolversTypes['Credit'] }>;
  CreditRole: CreditRole;
  FilmTrend: ResolverTypeWrapper<FilmGain>;
  Movie: ResolverTypeWrapper<MovieReference>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonRecord>;
  PersonConnection: ResolverTypeWrapper<PersonConnectionModel>;
  PersonEdge: ResolverTypeWrapper<Omit<PersonEdge, 'node'> & { node: ResolversTypes['Person'] }>;
  PersonFilter: PersonFilter;
  PersonTrend: ResolverTypeWrapper<PersonGain>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrendWindow: TrendWindow;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Credit: CreditRecord;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  CreditConnection: Omit<CreditConnection, 'edges'> & { edges: Array<ResolversParentTypes['CreditEdge']> };
  CreditEdge: Omit<CreditEdge, 'node'> & { node: ResolversParentTypes['Credit'] };
  FilmTrend: FilmGain;
  Movie: MovieReference;
  PageInfo: PageInfo;
  Person: PersonRecord;
  PersonConnection: PersonConnectionModel;
  PersonEdge: Omit<PersonEdge, 'node'> & { node: ResolversParentTypes['Person'] };
  PersonFilter: PersonFilter;
  PersonTrend: PersonGain;
  Query: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = PeopleContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CreditResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Credit'] = ResolversParentTypes['Credit']> = ResolversObject<{
  billingOrder?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  characters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  person?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['CreditRole'], ParentType, ContextType>;
}>;

export type CreditConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['CreditConnection'] = ResolversParentTypes['CreditConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['CreditEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CreditEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['CreditEdge'] = ResolversParentTypes['CreditEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Credit'], ParentType, ContextType>;
}>;

export type FilmTrendResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['FilmTrend'] = ResolversParentTypes['FilmTrend']> = ResolversObject<{
  movie?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MovieResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie'], FederationReferenceType extends FederationReferenceTypes['Movie'] = FederationReferenceTypes['Movie']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Movie']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cast?: Resolver<Maybe<Array<ResolversTypes['Credit']>>, ParentType, ContextType, RequireFields<MovieCastArgs, 'first'>>;
  crew?: Resolver<Maybe<Array<ResolversTypes['Credit']>>, ParentType, ContextType>;
  directors?: Resolver<Maybe<Array<ResolversTypes['Person']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  writers?: Resolver<Maybe<Array<ResolversTypes['Person']>>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PersonResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  credits?: Resolver<ResolversTypes['CreditConnection'], ParentType, ContextType, RequireFields<PersonCreditsArgs, 'first'>>;
  deathYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  knownFor?: Resolver<Maybe<Array<Maybe<ResolversTypes['Movie']>>>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  professions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PersonConnectionResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonConnection'] = ResolversParentTypes['PersonConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PersonEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PersonEdgeResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonEdge'] = ResolversParentTypes['PersonEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
}>;

export type PersonTrendResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['PersonTrend'] = ResolversParentTypes['PersonTrend']> = ResolversObject<{
  films?: Resolver<Array<ResolversTypes['FilmTrend']>, ParentType, ContextType>;
  person?: Resolver<ResolversTypes['Person'], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PeopleContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  people?: Resolver<ResolversTypes['PersonConnection'], ParentType, ContextType, RequireFields<QueryPeopleArgs, 'first'>>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'id'>>;
  risingPeople?: Resolver<Array<ResolversTypes['PersonTrend']>, ParentType, ContextType, RequireFields<QueryRisingPeopleArgs, 'first' | 'role' | 'window'>>;
}>;

export type Resolvers<ContextType = PeopleContext> = ResolversObject<{
  Credit?: CreditResolvers<ContextType>;
  CreditConnection?: CreditConnectionResolvers<ContextType>;
  CreditEdge?: CreditEdgeResolvers<ContextType>;
  FilmTrend?: FilmTrendResolvers<ContextType>;
  Movie?: MovieResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  PersonConnection?: PersonConnectionResolvers<ContextType>;
  PersonEdge?: PersonEdgeResolvers<ContextType>;
  PersonTrend?: PersonTrendResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = PeopleContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
}>;

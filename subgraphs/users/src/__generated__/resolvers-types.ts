import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRecord } from '../stores/userStore.ts';
import type { ListRecord, PreferencesRecord, MovieReference, WatchlistEdgeModel } from '../stores/personalStore.ts';
import type { UsersContext } from '../context.ts';
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

/**
 * A signed-in session: send `token` as `Authorization: Bearer <token>`; trade `refreshToken` for a
 * new session with `refreshToken(token:)` before it expires.
 */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  expiresAt: Scalars['DateTime']['output'];
  refreshExpiresAt: Scalars['DateTime']['output'];
  /** Opaque, single-use refresh token. */
  refreshToken: Scalars['String']['output'];
  /** PASETO v4.public access token. */
  token: Scalars['String']['output'];
  user: User;
};

/** A film, owned by the movies subgraph; users only know its id. */
export type Movie = {
  __typename?: 'Movie';
  id: Scalars['ID']['output'];
};

/** A user's named list of films, public or private. */
export type MovieList = {
  __typename?: 'MovieList';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isPublic: Scalars['Boolean']['output'];
  /** Films in the order they were added; an item is `null` (with an error) when the catalogue no longer holds it. */
  movies: Array<Maybe<Movie>>;
  /** 1 to 100 characters. */
  name: Scalars['String']['output'];
  owner: User;
  updatedAt: Scalars['DateTime']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Add a film to your list; `NOT_FOUND` for a film the catalogue does not hold. */
  addToList: MovieList;
  /** Add a film to your watchlist; adding it again changes nothing. `NOT_FOUND` for a film the catalogue does not hold. */
  addToWatchlist: User;
  /** Create a list (private unless `isPublic`). */
  createList: MovieList;
  /**
   * Delete your account, confirming with your password: your watchlist, lists, preferences and
   * sessions go at once (every token of the account stops working), and your ratings and reviews
   * are removed by the subgraphs that hold them within moments. Accounts without a password
   * (imported ones) cannot be deleted this way.
   */
  deleteAccount: Scalars['Boolean']['output'];
  /** Delete a list and its items; returns its id. */
  deleteList: Scalars['ID']['output'];
  /** Sign in with a username and password. */
  logIn: AuthPayload;
  /**
   * End this session: the access token the request carries stops working at once, and so does
   * `refreshToken` when given.
   */
  logOut: Scalars['Boolean']['output'];
  /** Trade a refresh token for a new session; each refresh token works once. */
  refreshToken: AuthPayload;
  removeFromList: MovieList;
  /** Remove a film from your watchlist; removing one that is not there changes nothing. */
  removeFromWatchlist: User;
  /** Replace your favourite genres (at most 20). */
  setFavouriteGenres: Preferences;
  /**
   * Create an account and sign in. Usernames are 3–32 characters of `a-z 0-9 _ . -`;
   * passwords 8–128 characters.
   */
  signUp: AuthPayload;
  /** Rename a list and/or change its visibility. */
  updateList: MovieList;
};


export type MutationAddToListArgs = {
  listId: Scalars['ID']['input'];
  movieId: Scalars['ID']['input'];
};


export type MutationAddToWatchlistArgs = {
  movieId: Scalars['ID']['input'];
};


export type MutationCreateListArgs = {
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
};


export type MutationDeleteAccountArgs = {
  password: Scalars['String']['input'];
};


export type MutationDeleteListArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLogInArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationLogOutArgs = {
  refreshToken?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRefreshTokenArgs = {
  token: Scalars['String']['input'];
};


export type MutationRemoveFromListArgs = {
  listId: Scalars['ID']['input'];
  movieId: Scalars['ID']['input'];
};


export type MutationRemoveFromWatchlistArgs = {
  movieId: Scalars['ID']['input'];
};


export type MutationSetFavouriteGenresArgs = {
  genres: Array<Scalars['String']['input']>;
};


export type MutationSignUpArgs = {
  displayName?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationUpdateListArgs = {
  id: Scalars['ID']['input'];
  isPublic?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Preferences = {
  __typename?: 'Preferences';
  /** Genre names, as the movies subgraph spells them (e.g. `Drama`). */
  favouriteGenres: Array<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** A list, when it is public or yours; `null` otherwise. */
  list?: Maybe<MovieList>;
  /** The signed-in user; `null` when the request carries no valid token. */
  me?: Maybe<User>;
  /** A user's public profile; `null` when there is none. */
  user?: Maybe<User>;
  /** A user's public profile by username; `null` when there is none. */
  userByUsername?: Maybe<User>;
};


export type QueryListArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserByUsernameArgs = {
  username: Scalars['String']['input'];
};

export type Role =
  | 'ADMIN'
  | 'USER';

/**
 * A Marquee account. Profile fields are public; the watchlist and preferences are visible only to
 * the account's owner and to admins; lists are visible to everyone when public.
 */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** This user's lists: all of them for the owner and admins, the public ones for everyone else. */
  lists?: Maybe<Array<MovieList>>;
  /** Owner and admins only (FORBIDDEN otherwise). */
  preferences?: Maybe<Preferences>;
  role: Role;
  username: Scalars['String']['output'];
  /**
   * Films this user wants to watch, most recently added first. Owner and admins only (FORBIDDEN
   * otherwise). `first` is 1 to 100.
   */
  watchlist?: Maybe<WatchlistConnection>;
};


/**
 * A Marquee account. Profile fields are public; the watchlist and preferences are visible only to
 * the account's owner and to admins; lists are visible to everyone when public.
 */
export type UserWatchlistArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type WatchlistConnection = {
  __typename?: 'WatchlistConnection';
  edges: Array<WatchlistEdge>;
  pageInfo: PageInfo;
};

export type WatchlistEdge = {
  __typename?: 'WatchlistEdge';
  addedAt: Scalars['DateTime']['output'];
  cursor: Scalars['String']['output'];
  /** The film; `null` (with an error) when the catalogue no longer holds it. */
  node?: Maybe<Movie>;
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
  MovieList: MovieList;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  MovieList:
    ( { __typename: 'MovieList' }
    & GraphQLRecursivePick<FederationTypes['MovieList'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AuthPayload: ResolverTypeWrapper<Omit<AuthPayload, 'user'> & { user: ResolversTypes['User'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Movie: ResolverTypeWrapper<MovieReference>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  MovieList: ResolverTypeWrapper<ListRecord>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Preferences: ResolverTypeWrapper<PreferencesRecord>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  User: ResolverTypeWrapper<UserRecord>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  WatchlistConnection: ResolverTypeWrapper<Omit<WatchlistConnection, 'edges'> & { edges: Array<ResolversTypes['WatchlistEdge']> }>;
  WatchlistEdge: ResolverTypeWrapper<WatchlistEdgeModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AuthPayload: Omit<AuthPayload, 'user'> & { user: ResolversParentTypes['User'] };
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Movie: MovieReference;
  ID: Scalars['ID']['output'];
  MovieList: ListRecord;
  Boolean: Scalars['Boolean']['output'];
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Preferences: PreferencesRecord;
  Query: Record<PropertyKey, never>;
  User: UserRecord;
  Int: Scalars['Int']['output'];
  WatchlistConnection: Omit<WatchlistConnection, 'edges'> & { edges: Array<ResolversParentTypes['WatchlistEdge']> };
  WatchlistEdge: WatchlistEdgeModel;
}>;

export type AuthPayloadResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['AuthPayload'] = ResolversParentTypes['AuthPayload']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MovieResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Movie'] = ResolversParentTypes['Movie']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MovieListResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['MovieList'] = ResolversParentTypes['MovieList'], FederationReferenceType extends FederationReferenceTypes['MovieList'] = FederationReferenceTypes['MovieList']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['MovieList']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isPublic?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  movies?: Resolver<Array<Maybe<ResolversTypes['Movie']>>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addToList?: Resolver<ResolversTypes['MovieList'], ParentType, ContextType, RequireFields<MutationAddToListArgs, 'listId' | 'movieId'>>;
  addToWatchlist?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationAddToWatchlistArgs, 'movieId'>>;
  createList?: Resolver<ResolversTypes['MovieList'], ParentType, ContextType, RequireFields<MutationCreateListArgs, 'isPublic' | 'name'>>;
  deleteAccount?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAccountArgs, 'password'>>;
  deleteList?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteListArgs, 'id'>>;
  logIn?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationLogInArgs, 'password' | 'username'>>;
  logOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, Partial<MutationLogOutArgs>>;
  refreshToken?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationRefreshTokenArgs, 'token'>>;
  removeFromList?: Resolver<ResolversTypes['MovieList'], ParentType, ContextType, RequireFields<MutationRemoveFromListArgs, 'listId' | 'movieId'>>;
  removeFromWatchlist?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationRemoveFromWatchlistArgs, 'movieId'>>;
  setFavouriteGenres?: Resolver<ResolversTypes['Preferences'], ParentType, ContextType, RequireFields<MutationSetFavouriteGenresArgs, 'genres'>>;
  signUp?: Resolver<ResolversTypes['AuthPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'password' | 'username'>>;
  updateList?: Resolver<ResolversTypes['MovieList'], ParentType, ContextType, RequireFields<MutationUpdateListArgs, 'id'>>;
}>;

export type PageInfoResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type PreferencesResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Preferences'] = ResolversParentTypes['Preferences']> = ResolversObject<{
  favouriteGenres?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  list?: Resolver<Maybe<ResolversTypes['MovieList']>, ParentType, ContextType, RequireFields<QueryListArgs, 'id'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  userByUsername?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserByUsernameArgs, 'username'>>;
}>;

export type UserResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lists?: Resolver<Maybe<Array<ResolversTypes['MovieList']>>, ParentType, ContextType>;
  preferences?: Resolver<Maybe<ResolversTypes['Preferences']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  watchlist?: Resolver<Maybe<ResolversTypes['WatchlistConnection']>, ParentType, ContextType, RequireFields<UserWatchlistArgs, 'first'>>;
}>;

export type WatchlistConnectionResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['WatchlistConnection'] = ResolversParentTypes['WatchlistConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['WatchlistEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type WatchlistEdgeResolvers<ContextType = UsersContext, ParentType extends ResolversParentTypes['WatchlistEdge'] = ResolversParentTypes['WatchlistEdge']> = ResolversObject<{
  addedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Movie']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = UsersContext> = ResolversObject<{
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Movie?: MovieResolvers<ContextType>;
  MovieList?: MovieListResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Preferences?: PreferencesResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  WatchlistConnection?: WatchlistConnectionResolvers<ContextType>;
  WatchlistEdge?: WatchlistEdgeResolvers<ContextType>;
}>;


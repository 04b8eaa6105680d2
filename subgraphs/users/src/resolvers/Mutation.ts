import { unauthenticated } from '@marquee/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { signedIn } from '@marquee/server-kit';
import { ownList, validateGenres, validateListName, validateMovieId } from '../access.ts';
import type { UsersContext } from '../context.ts';

async function viewer(context: UsersContext) {
  const user = await context.loaders.user.load(signedIn(context.identity).userId);
  // The router refuses writes of deleted accounts; this covers one deleted mid-request.
  if (user === null) throw unauthenticated('This account no longer exists.');
  return user;
}

export const Mutation: MutationResolvers = {
  signUp: (_root, args, { services }) => services.accounts.signUp(args),
  logIn: (_root, args, { services }) => services.accounts.logIn(args),
  refreshToken: (_root, { token }, { services }) => services.accounts.refresh(token),
  logOut: async (_root, { refreshToken }, { identity, services }) => {
    await services.accounts.logOut(signedIn(identity), refreshToken ?? undefined);
    return true;
  },
  deleteAccount: async (_root, { password }, { identity, services }) => {
    await services.accounts.deleteAccount(signedIn(identity), password);
    return true;
  },
  addToWatchlist: async (_root, { movieId }, context) => {
    const { userId } = signedIn(context.identity);
    const film = validateMovieId(movieId);
    await context.services.movies.require(film);
    await context.stores.personal.addToWatchlist(userId, film);
    return viewer(context);
  },
  removeFromWatchlist: async (_root, { movieId }, context) => {
    const { userId } = signedIn(context.identity);
    await context.stores.personal.removeFromWatchlist(userId, validateMovieId(movieId));
    return viewer(context);
  },
  createList: (_root, { name, isPublic }, { identity, stores }) =>
    stores.personal.createList(
      signedIn(identity).userId,
      validateListName(name),
      isPublic ?? false,
    ),
  updateList: async (_root, { id, name, isPublic }, context) => {
    const list = await ownList(context, id);
    return context.stores.personal.updateList(list.id, {
      ...(name === null || name === undefined ? {} : { name: validateListName(name) }),
      ...(isPublic === null || isPublic === undefined ? {} : { isPublic }),
    });
  },
  deleteList: async (_root, { id }, context) => {
    const list = await ownList(context, id);
    await context.stores.personal.deleteList(list.id);
    return list.id;
  },
  addToList: async (_root, { listId, movieId }, context) => {
    const list = await ownList(context, listId);
    const film = validateMovieId(movieId);
    await context.services.movies.require(film);
    await context.stores.personal.addToList(list.id, film);
    return list;
  },
  removeFromList: async (_root, { listId, movieId }, context) => {
    const list = await ownList(context, listId);
    await context.stores.personal.removeFromList(list.id, validateMovieId(movieId));
    return list;
  },
  setFavouriteGenres: (_root, { genres }, { identity, stores }) =>
    stores.personal.setFavouriteGenres(signedIn(identity).userId, validateGenres(genres)),
};

import type { Identity } from '@marquee/auth';
import { forbidden, notFound } from '@marquee/errors';
import { requireId, requireText, requireTextList, signedIn } from '@marquee/server-kit';
import type { UsersContext } from './context.ts';
import type { ListRecord } from './stores/personalStore.ts';

/** Private data is visible to its owner and to admins, nobody else. */
export const mayReadPrivate = (identity: Identity | undefined, ownerId: string): boolean =>
  identity !== undefined && (identity.userId === ownerId || identity.role === 'ADMIN');

export function assertMayReadPrivate(identity: Identity | undefined, ownerId: string): void {
  if (!mayReadPrivate(signedIn(identity), ownerId)) throw forbidden('Only its owner can see this.');
}

export const listVisible = (identity: Identity | undefined, list: ListRecord): boolean =>
  list.isPublic || mayReadPrivate(identity, list.ownerId);

/** The list, when the caller may change it: its owner or an admin. Others get NOT_FOUND or FORBIDDEN. */
export async function ownList(
  { identity, loaders }: UsersContext,
  id: string,
): Promise<ListRecord> {
  const caller = signedIn(identity);
  const list = await loaders.list.load(id);
  // A private list of someone else is reported as missing: its existence is private too.
  if (list === null || !listVisible(caller, list)) throw notFound('There is no list with that id.');
  if (!mayReadPrivate(caller, list.ownerId))
    throw forbidden('Only its owner can change this list.');
  return list;
}

export function validateListName(name: string): string {
  return requireText(name, 'name', {
    min: 1,
    max: 100,
    trim: true,
    message: 'List names are 1 to 100 characters long.',
  });
}

export function validateMovieId(movieId: string): string {
  return requireId(movieId, 'movieId', 'Not a movie id.');
}

export function validateGenres(genres: readonly string[]): string[] {
  const rule = {
    min: 1,
    max: 40,
    trim: true,
    maxItems: 20,
    message: 'Up to 20 genres of 1 to 40 characters each.',
  };
  // Duplicates count once, but a list far over the limit is refused before it is looked at.
  if (genres.length > rule.maxItems * 10) return requireTextList(genres, 'genres', rule);
  return requireTextList([...new Set(genres.map((genre) => genre.trim()))], 'genres', rule);
}

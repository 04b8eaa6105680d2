import { randomUUID } from 'node:crypto';
import type { Database } from '@marquee/db';

export interface WatchlistEntry {
  userId: string;
  movieId: string;
  addedAt: Date;
}

export interface ListRecord {
  id: string;
  ownerId: string;
  name: string;
  isPublic: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ListItem {
  listId: string;
  movieId: string;
  addedAt: Date;
}

export interface PreferencesRecord {
  userId: string;
  favouriteGenres: string[];
}

/** A user's private data: watchlist, custom lists, preferences. Authorization is the caller's job. */
export interface PersonalStore {
  /** Idempotent: adding a film already on the watchlist keeps its original position. */
  addToWatchlist(userId: string, movieId: string): Promise<void>;
  removeFromWatchlist(userId: string, movieId: string): Promise<void>;
  /** Newest first; `after` is the last entry of the previous page. */
  watchlist(
    userId: string,
    limit: number,
    after: { addedAt: Date; movieId: string } | undefined,
  ): Promise<WatchlistEntry[]>;
  createList(ownerId: string, name: string, isPublic: boolean): Promise<ListRecord>;
  findLists(ids: readonly string[]): Promise<ListRecord[]>;
  listsOf(ownerIds: readonly string[]): Promise<ListRecord[]>;
  updateList(id: string, change: { name?: string; isPublic?: boolean }): Promise<ListRecord>;
  deleteList(id: string): Promise<void>;
  addToList(listId: string, movieId: string): Promise<void>;
  removeFromList(listId: string, movieId: string): Promise<void>;
  itemsOf(listIds: readonly string[]): Promise<ListItem[]>;
  preferences(userIds: readonly string[]): Promise<PreferencesRecord[]>;
  setFavouriteGenres(userId: string, genres: readonly string[]): Promise<PreferencesRecord>;
}

const listSelect = {
  id: true,
  ownerId: true,
  name: true,
  isPublic: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function createPersonalStore(db: Database): PersonalStore {
  const { prisma } = db;
  return {
    async addToWatchlist(userId, movieId) {
      await prisma.watchlistItem.createMany({ data: [{ userId, movieId }], skipDuplicates: true });
    },
    async removeFromWatchlist(userId, movieId) {
      await prisma.watchlistItem.deleteMany({ where: { userId, movieId } });
    },
    watchlist: (userId, limit, after) =>
      prisma.watchlistItem.findMany({
        where: {
          userId,
          ...(after === undefined
            ? {}
            : {
                OR: [
                  { addedAt: { lt: after.addedAt } },
                  { addedAt: after.addedAt, movieId: { lt: after.movieId } },
                ],
              }),
        },
        orderBy: [{ addedAt: 'desc' }, { movieId: 'desc' }],
        take: limit,
      }),
    createList: (ownerId, name, isPublic) =>
      prisma.movieList.create({
        data: { id: randomUUID(), ownerId, name, isPublic },
        select: listSelect,
      }),
    findLists: (ids) =>
      prisma.movieList.findMany({ where: { id: { in: [...ids] } }, select: listSelect }),
    listsOf: (ownerIds) =>
      prisma.movieList.findMany({
        where: { ownerId: { in: [...ownerIds] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: listSelect,
      }),
    updateList: (id, change) =>
      prisma.movieList.update({ where: { id }, data: change, select: listSelect }),
    async deleteList(id) {
      await prisma.movieList.deleteMany({ where: { id } });
    },
    async addToList(listId, movieId) {
      await prisma.$transaction([
        prisma.movieListItem.createMany({ data: [{ listId, movieId }], skipDuplicates: true }),
        prisma.movieList.update({ where: { id: listId }, data: { updatedAt: new Date() } }),
      ]);
    },
    async removeFromList(listId, movieId) {
      await prisma.$transaction([
        prisma.movieListItem.deleteMany({ where: { listId, movieId } }),
        prisma.movieList.update({ where: { id: listId }, data: { updatedAt: new Date() } }),
      ]);
    },
    itemsOf: (listIds) =>
      prisma.movieListItem.findMany({
        where: { listId: { in: [...listIds] } },
        orderBy: [{ addedAt: 'asc' }, { movieId: 'asc' }],
      }),
    preferences: (userIds) =>
      prisma.preference.findMany({
        where: { userId: { in: [...userIds] } },
        select: { userId: true, favouriteGenres: true },
      }),
    setFavouriteGenres: (userId, genres) =>
      prisma.preference.upsert({
        where: { userId },
        create: { userId, favouriteGenres: [...genres] },
        update: { favouriteGenres: [...genres] },
        select: { userId: true, favouriteGenres: true },
      }),
  };
}

/** A film known here by its key only. */
export interface MovieReference {
  id: string;
}

export interface WatchlistEdgeModel {
  cursor: string;
  addedAt: Date;
  node: MovieReference;
}

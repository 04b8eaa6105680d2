import { connection, decodeCursor, encodeCursor, pageSize } from '@marquee/server-kit';
import type { PersonResolvers } from '../__generated__/resolvers-types.ts';
import { isOffset, type OffsetPosition } from './offsetCursor.ts';

export const Person: PersonResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.person.load(reference.id),
  knownFor: (person) => person.knownFor.map((id) => ({ id })),
  credits: async (person, { role, first, after }, { loaders }) => {
    const limit = pageSize(first);
    const offset = decodeCursor(after, isOffset)?.offset ?? 0;
    // One extra row tells whether another page follows.
    const slice = await loaders
      .creditsByPerson({ role: role ?? undefined, offset, limit: limit + 1 })
      .load(person.id);
    const credits = slice.credits.slice(0, limit);
    const positions = new Map(
      credits.map((credit, index) => [
        credit,
        { offset: offset + index + 1 } satisfies OffsetPosition,
      ]),
    );
    return {
      ...connection(
        credits,
        slice.credits.length > limit,
        (credit) => encodeCursor(positions.get(credit)),
        offset > 0,
      ),
      totalCount: slice.total,
    };
  },
};

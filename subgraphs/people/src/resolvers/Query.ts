import { connection, decodeCursor, encodeCursor, pageSize, requireText } from '@marquee/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import { isOffset, type OffsetPosition } from './offsetCursor.ts';

export const Query: QueryResolvers = {
  person: (_root, { id }, { loaders }) => loaders.person.load(id),
  risingPeople: (_root, { window, role, first }, { stores }) =>
    stores.rising.rising(window ?? 'WEEK', role ?? 'ACTOR', pageSize(first, 10)),
  people: async (_root, { filter, first, after }, { stores, loaders }) => {
    const size = pageSize(first);
    const offset = decodeCursor(after, isOffset)?.offset ?? 0;
    // Cut to 200 characters for the search; far longer input is refused at the boundary.
    const given = filter?.text;
    const normalised =
      given === null || given === undefined
        ? undefined
        : requireText(given, 'filter.text', { max: 1000 }).trim().toLowerCase().slice(0, 200);
    const text = normalised === undefined || normalised === '' ? undefined : normalised;
    const page = await stores.people.search(text, size, offset);
    for (const person of page.people) loaders.person.prime(person.id, person);
    const positions = new Map(
      page.people.map((person, index) => [
        person,
        { offset: offset + index + 1 } satisfies OffsetPosition,
      ]),
    );
    return {
      ...connection(
        page.people,
        page.hasNextPage,
        (person) => encodeCursor(positions.get(person)),
        offset > 0,
      ),
      countAll: () => stores.people.count(text),
    };
  },
};

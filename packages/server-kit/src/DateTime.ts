import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from '@marquee/errors';

/** ISO-8601 instants, e.g. `2026-11-24T15:00:00.000Z`. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An ISO-8601 instant, e.g. `2026-11-24T15:00:00.000Z`.',
  serialize: (value) => (value instanceof Date ? value : new Date(String(value))).toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw badUserInput('Not an ISO-8601 date-time.');
    return date;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Not an ISO-8601 date-time.');
    const date = new Date(ast.value);
    if (Number.isNaN(date.getTime())) throw badUserInput('Not an ISO-8601 date-time.');
    return date;
  },
});

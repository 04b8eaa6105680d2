import { describe, expect, it } from 'vitest';
import { buildSchema, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import {
  checkShape,
  expandedSelections,
  mergeShape,
  operationCost,
  operationDepth,
  rootFields,
} from '../src/server.ts';
import { fragmentsOf } from '../src/documentShape.ts';

const schema = buildSchema(`
  type Query { movie(id: ID!): Movie, movies(first: Int = 20): [Movie!]! }
  type Mutation { signUp(username: String!): String, rateMovie(id: ID!): String }
  type Movie { title: String!, similar(first: Int = 10): [Movie!]! }
`);

/** `fragment F0 on Movie { title ...F1 ...F1 }`, F1 spreads F2 twice, …: 2^levels fields in ~47 bytes a level. */
function fanOut(levels: number, field = 'title'): string {
  let document = '{ movie(id: "tt1") { ...F0 } }';
  for (let level = 0; level < levels; level += 1)
    document += ` fragment F${level} on Movie { ${field} ...F${level + 1} ...F${level + 1} }`;
  return `${document} fragment F${levels} on Movie { title }`;
}

const operationOf = (document: DocumentNode): OperationDefinitionNode => {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operation === undefined) throw new Error('no operation');
  return operation;
};

const limits = { maxDepth: 12, maxCost: 20_000, maxAliases: 30, noIntrospection: false };

function timed<T>(work: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = work();
  return { value, ms: performance.now() - started };
}

describe('operation limits on documents built to explode', () => {
  it('measures a 40-level fragment fan-out (2^40 fields) in linear time', () => {
    const document = parse(fanOut(40));
    const operation = operationOf(document);
    const fragments = fragmentsOf(document);
    // Walking every spread would visit 2^41 selections (hours); each fragment measured once is ~120 nodes.
    const { value, ms } = timed(() => ({
      depth: operationDepth(document, operation),
      cost: operationCost(schema, document, operation),
      selections: expandedSelections(operation, fragments),
    }));
    expect(value.depth).toBe(2);
    expect(value.cost).toBe(2 ** 41);
    expect(value.selections).toBe(2 ** 42 - 1);
    expect(ms).toBeLessThan(50);
  });

  it('multiplies page sizes into a fragment computed once, wherever it is spread', () => {
    const document = parse(
      `{ movies(first: 3) { ...A } } fragment A on Movie { title similar(first: 2) { ...B } } fragment B on Movie { title }`,
    );
    expect(operationCost(schema, document, operationOf(document))).toBe(1 + 3 * (1 + 1 + 2 * 1));
    const deep = parse(
      '{ movie(id: "1") { ...A } } fragment A on Movie { similar { ...B } } fragment B on Movie { similar { similar { title } } }',
    );
    expect(operationDepth(deep, operationOf(deep))).toBe(5);
  });

  it('refuses the fan-out before validation, by its expanded size, in linear time', () => {
    const { value: refused, ms } = timed(() => checkShape(parse(fanOut(30)), limits));
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(refused?.message).toMatch(
      /names 4\.29e\+9 selections once its fragments are expanded; the limit is 20000/,
    );
    expect(ms).toBeLessThan(50);
  });

  it('counts aliases with fragments expanded', () => {
    const aliased = (count: number) =>
      `mutation { ${Array.from({ length: count }, (_, index) => `a${index}: signUp(username: "u${index}")`).join(' ')} }`;
    expect(checkShape(parse(aliased(30)), limits)).toBeUndefined();
    expect(checkShape(parse(aliased(31)), limits)?.message).toBe(
      'The operation uses 31 aliases; the limit is 30.',
    );
    // Two aliases, then B's four aliases once per spread of B.
    const spread = parse(
      '{ movie(id: "1") { ...A } } fragment A on Movie { s: similar { ...B } t: similar { ...B } } fragment B on Movie { a: title b: title similar { c: title d: title } }',
    );
    expect(mergeShape(operationOf(spread), fragmentsOf(spread)).aliases).toBe(2 + 2 * 4);
  });

  it('refuses fields repeated at one response path, whose merge check is quadratic', () => {
    // `similar { … } similar { … }` nested seven deep: 2^7 fields on the deepest path, ~16k pairs.
    let inner = 'title';
    for (let level = 0; level < 7; level += 1) inner = `similar { ${inner} } similar { ${inner} }`;
    const refused = checkShape(parse(`{ movie(id: "1") { ${inner} } }`), limits);
    expect(refused?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(refused?.message).toMatch(/repeats fields at the same response path too often/);
    // Fragments that each select `title` on one object are ordinary.
    const fragments = Array.from(
      { length: 20 },
      (_, index) => `fragment F${index} on Movie { title }`,
    ).join(' ');
    const spreads = Array.from({ length: 20 }, (_, index) => `...F${index}`).join(' ');
    expect(
      checkShape(parse(`{ movie(id: "1") { ${spreads} } } ${fragments}`), limits),
    ).toBeUndefined();
  });

  it('refuses depth and unused fragments before validation, and survives fragment cycles', () => {
    expect(
      checkShape(
        parse(`{ movie(id: "1") { ${'similar { '.repeat(11)}title${' }'.repeat(11)} } }`),
        limits,
      )?.message,
    ).toBe('The operation is 13 levels deep; the limit is 12.');
    expect(
      checkShape(parse('{ movie(id: "1") { title } } fragment Unused on Movie { title }'), limits),
    ).toMatchObject({
      message: 'Fragment "Unused" is never used.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    // Validation rejects the cycle afterwards; measuring it must terminate.
    expect(
      checkShape(
        parse(
          '{ movie(id: "1") { ...A } } fragment A on Movie { similar { ...B } } fragment B on Movie { similar { ...A } }',
        ),
        limits,
      ),
    ).toBeUndefined();
  });

  it('lists root fields as they execute: aliases count, a fragment spread twice does not', () => {
    const document = parse(
      'mutation { a: signUp(username: "a") b: signUp(username: "b") ...R ...R } fragment R on Mutation { rateMovie(id: "1") }',
    );
    expect(rootFields(document, operationOf(document))).toEqual(['signUp', 'signUp', 'rateMovie']);
  });
});

import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { buildSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import { analyseDocument, createOperationGate, operationLimitsPlugin } from '../src/server.ts';
import { createDocumentMemo } from '../src/documentMemo.ts';

const limits = { maxDepth: 12, maxCost: 1000, maxAliases: 30, noIntrospection: false };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A gate whose analysis (shape limits and validation) counts its runs. */
function countingGate() {
  const analysed: DocumentNode[] = [];
  const analyse = analyseDocument(limits);
  const gate = createOperationGate(limits, (schema: GraphQLSchema, document: DocumentNode) => {
    analysed.push(document);
    return analyse(schema, document);
  });
  return { gate, analysed };
}

describe('the per-document memo', () => {
  it('analyses a repeated document once, whether it comes over HTTP or WebSocket', async () => {
    const { gate, analysed } = countingGate();
    const server = new ApolloServer({
      typeDefs: 'type Query { hello(name: String): String }',
      resolvers: { Query: { hello: (_: unknown, { name }: { name?: string }) => `hi ${name}` } },
      dangerouslyDisableValidation: true,
      documentStore: gate.documents.documentStore,
      plugins: [operationLimitsPlugin({ ...limits, gate, formatError: (formatted) => formatted })],
    });
    await server.start();
    try {
      const query = 'query Hello($name: String) { hello(name: $name) }';
      for (const name of ['a', 'b', 'c']) {
        const response = await server.executeOperation({ query, variables: { name } });
        expect(response.body).toMatchObject({
          kind: 'single',
          singleResult: { data: { hello: `hi ${name}` } },
        });
      }
      expect(analysed).toHaveLength(1);
      // The WebSocket path parses through the same memo and gets the very document HTTP did,
      // whose verdict the judge already holds.
      const overSocket = gate.documents.parse(query, 100);
      expect(overSocket).toBe(analysed[0]);
      expect(gate.documents.size).toBe(1);
      // A verdict is per schema: another schema analyses again.
      expect(gate.judge(buildSchema('type Query { x: Int }'), overSocket)).toMatchObject({
        invalid: expect.any(Array),
      });
      expect(analysed).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  it('parses a text once and hands out the same document, for Apollo Server keys too', async () => {
    const memo = createDocumentMemo();
    const query = '{ a }';
    const parsed = memo.parse(query, 100);
    expect(memo.parse(query, 100)).toBe(parsed);
    await expect(memo.documentStore.get(`schemahash:${sha256(query)}`)).resolves.toBe(parsed);
    expect(() => memo.parse('{ a', 100)).toThrow(/Syntax Error/);
    expect(memo.size).toBe(1);
  });

  it('keeps at most its budget of source characters, the least recently used evicted first', () => {
    const memo = createDocumentMemo(30);
    const first = memo.parse('{ aaaaaaaaaa }', 100); // 14 characters
    memo.parse('{ bbbbbbbbbb }', 100);
    memo.parse('{ aaaaaaaaaa }', 100); // used again: now the most recent
    memo.parse('{ cccccccccc }', 100); // 42 characters in all: the least recent (b) goes
    expect(memo.size).toBe(2);
    expect(memo.parse('{ aaaaaaaaaa }', 100)).toBe(first);
  });
});

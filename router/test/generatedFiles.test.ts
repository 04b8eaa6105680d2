import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, readSupergraph, subgraphNames } from '../src/server.ts';

// Generated files are committed, so the router never composes or introspects at runtime and a
// review sees what changed; these tests fail when one is stale, with the command that refreshes it.
describe('committed generated files', () => {
  it('schema/supergraph.graphql is what composing the five subgraph SDL files gives (npm run compose)', async () => {
    expect(await readSupergraph()).toBe(await composeSupergraph());
  });

  it.each(subgraphNames)(
    'the %s resolver types match its schema.graphql (npm run codegen)',
    async (name) => {
      const dir = fileURLToPath(new URL(`../../subgraphs/${name}/`, import.meta.url));
      const { default: config } = (await import(`${dir}codegen.ts`)) as { default: CodegenConfig };
      const outputs = await generate({ ...config, cwd: dir, silent: true }, false);
      const [output] = outputs as { filename: string; content: string }[];
      expect(output).toBeDefined();
      expect(await readFile(`${dir}src/__generated__/resolvers-types.ts`, 'utf8')).toBe(
        output?.content,
      );
    },
  );
});

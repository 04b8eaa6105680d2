import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type CodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';

// The web app's documents are typed from the supergraph (apps/web/codegen.ts). Generation fails
// on a document the schema no longer accepts, and the committed output must be what it gives
// (the persisted-documents manifest the router's safelist reads included).
describe("the web app's typed documents", () => {
  it('match the supergraph and the committed src/__generated__ (npm run codegen)', async () => {
    const dir = fileURLToPath(new URL('../', import.meta.url));
    const { default: config } = (await import(join(dir, 'codegen.ts'))) as {
      default: CodegenConfig;
    };
    const outputs = (await generate({ ...config, cwd: dir, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((output) => output.filename).sort()).toEqual(
      ['fragment-masking.ts', 'gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json'].map(
        (name) => `src/__generated__/${name}`,
      ),
    );
    for (const output of outputs)
      expect(await readFile(join(dir, output.filename), 'utf8'), output.filename).toBe(
        output.content,
      );
  });

  it('refuse a document that asks for a field the schema lacks', async () => {
    const dir = fileURLToPath(new URL('../', import.meta.url));
    const { default: config } = (await import(join(dir, 'codegen.ts'))) as {
      default: CodegenConfig;
    };
    await expect(
      generate(
        {
          ...config,
          cwd: dir,
          silent: true,
          documents: ['query Broken { movie(id: "1") { title boxOffice } }'],
        },
        false,
      ),
    ).rejects.toThrow(/Cannot query field "boxOffice" on type "Movie"/);
  });
});

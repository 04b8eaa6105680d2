import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema, Supergraph } from '@apollo/federation-internals';

// Clients see the supergraph's API schema: the composed SDL without federation's join and link
// machinery, which is what the router validates documents against.
const supergraphSdl = readFileSync(
  new URL('../../schema/supergraph.graphql', import.meta.url),
  'utf8',
);
const apiSchema = printSchema(Supergraph.build(supergraphSdl).apiSchema());

const config: CodegenConfig = {
  schema: apiSchema,
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/__generated__/**'],
  // A document that no longer matches the schema fails generation (and so `codegen:check` in CI).
  ignoreNoDocuments: false,
  generates: {
    'src/__generated__/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: { unmaskFunctionName: 'readFragment' },
        // persisted-documents.json: every operation by the SHA-256 of its printed text. The router
        // pre-registers it and, with PERSISTED_QUERIES=safelist, runs nothing else; each generated
        // document carries its hash (`__meta__.hash`), which the client sends (src/client.ts).
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        // Only the types the documents use, so the generated module stays small.
        onlyOperationTypes: true,
      },
    },
  },
};

export default config;

import type { CodegenConfig } from '@graphql-codegen/cli';

export interface SubgraphCodegenOptions {
  /** `<module>#<type>` of the subgraph's request context, relative to the generated file. */
  context: string;
  /** GraphQL type → `<module>#<type>` of the value its resolvers receive (the storage record, not the GraphQL shape). */
  mappers: Record<string, string>;
  scalars?: Record<string, string>;
}

/**
 * The one codegen setup every subgraph uses: its SDL file in, typed resolvers out, federation
 * aware. Subgraphs differ only in their context type, mappers and custom scalars.
 */
export function subgraphCodegenConfig(options: SubgraphCodegenOptions): CodegenConfig {
  return {
    schema: 'src/schema.graphql',
    generates: {
      'src/__generated__/resolvers-types.ts': {
        plugins: ['typescript', 'typescript-resolvers'],
        config: {
          federation: true,
          useIndexSignature: true,
          useTypeImports: true,
          enumsAsTypes: true,
          contextType: options.context,
          ...(options.scalars === undefined ? {} : { scalars: options.scalars }),
          mappers: options.mappers,
        },
      },
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { tooComplex } from '@marquee/errors';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** How many fields deep an operation goes, fragments expanded (introspection fields count zero). */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const depthOf = (selectionSet: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (selectionSet === undefined) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation has already rejected fragment cycles; `seen` guards anyway.
        if (fragment !== undefined && !seen.has(name)) {
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/**
 * Rejects operations nested deeper than `maxDepth` after validation and before planning, so no
 * subgraph is asked for anything. (A validation rule would do the same, but Apollo Server
 * relabels every validation error GRAPHQL_VALIDATION_FAILED; clients get QUERY_TOO_COMPLEX here.)
 */
export function depthLimitPlugin<Context extends BaseContext>(maxDepth: number): ApolloServerPlugin<Context> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ document, operation }) => {
          if (operation === undefined) return Promise.resolve();
          const depth = operationDepth(document, operation);
          if (depth > maxDepth) {
            const error = tooComplex(`The operation is ${depth} levels deep; the limit is ${maxDepth}.`);
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
          }
          return Promise.resolve();
        },
      }),
  };
}

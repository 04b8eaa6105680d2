import { ErrorCode, tooComplex } from '@marquee/errors';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import {
  expandedSelections,
  fragmentsOf,
  mergeShape,
  operationDepth,
  unusedFragments,
} from './documentShape.ts';

export { operationDepth } from './documentShape.ts';

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields per operation, fragments expanded. */
  maxAliases: number;
  /** Refuse introspection (production). */
  noIntrospection: boolean;
}

/**
 * Pairs of same-path fields validation may compare (see `MergeShape.mergePairs`). A client's
 * fragments that each select `id` on one object make a few dozen; 1,000 keeps graphql-js's merge
 * check to about a millisecond, where an unbounded number took seconds.
 */
export const MAX_MERGE_PAIRS = 1000;

const refuse = (message: string, extensions: Record<string, unknown> = {}) => {
  const error = tooComplex(message);
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, ...extensions, http: { status: 400 } },
  });
};

/**
 * The limits that need no schema, checked before graphql-js validates the document, because some
 * validation rules cost more than linear time on hostile documents. Every check here is linear in
 * the document's size, or bounded by the cost limit: an operation naming more selections than
 * the cost limit would be refused by it anyway (every field costs at least 1).
 */
export function checkShape(
  document: DocumentNode,
  limits: OperationLimits,
): GraphQLError | undefined {
  const fragments = fragmentsOf(document);
  const unused = unusedFragments(document, fragments);
  if (unused.length > 0) {
    return new GraphQLError(`Fragment "${unused[0] ?? ''}" is never used.`, {
      extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: { status: 400 } },
    });
  }
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = operationDepth(document, operation, fragments);
    if (depth > limits.maxDepth)
      return refuse(`The operation is ${depth} levels deep; the limit is ${limits.maxDepth}.`);
    const selections = expandedSelections(operation, fragments);
    if (selections > limits.maxCost) {
      return refuse(
        `The operation names ${selections.toPrecision(3)} selections once its fragments are expanded; the limit is ${limits.maxCost}.`,
      );
    }
    const { aliases, mergePairs } = mergeShape(operation, fragments);
    if (aliases > limits.maxAliases)
      return refuse(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}.`, {
        maxAliases: limits.maxAliases,
      });
    if (mergePairs > MAX_MERGE_PAIRS) {
      return refuse(
        `The operation repeats fields at the same response path too often (${mergePairs} pairs to merge; the limit is ${MAX_MERGE_PAIRS}).`,
      );
    }
  }
  return undefined;
}

export function costRefusal(cost: number, maxCost: number): GraphQLError {
  return refuse(`The operation's estimated cost is ${cost}; the limit is ${maxCost}.`, {
    cost,
    maxCost,
  });
}

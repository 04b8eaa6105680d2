import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ErrorCode, tooComplex } from '@marquee/errors';
import {
  GraphQLError,
  Kind,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { operationCost } from './cost.ts';
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

/** Apollo Server's own rule when introspection is off, rewritten here since validation moved here. */
const NoIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(
          'GraphQL introspection is not allowed, but the query contained __schema or __type.',
          { nodes: [node] },
        ),
      );
    }
  },
});

export type DocumentVerdict =
  { refused: GraphQLError } | { invalid: readonly GraphQLError[] } | { valid: true };

export type DocumentJudge = (schema: GraphQLSchema, document: DocumentNode) => DocumentVerdict;

/**
 * Shape limits, then graphql-js validation: what the router decides about a document whatever
 * its variables. Remembered per parsed document (Apollo Server caches parsed documents by query
 * hash, so a repeated query is judged once).
 */
export function createDocumentJudge(limits: OperationLimits): DocumentJudge {
  const verdicts = new WeakMap<DocumentNode, { schema: GraphQLSchema; verdict: DocumentVerdict }>();
  const rules = limits.noIntrospection ? [...specifiedRules, NoIntrospection] : specifiedRules;
  return (schema: GraphQLSchema, document: DocumentNode): DocumentVerdict => {
    const known = verdicts.get(document);
    if (known?.schema === schema) return known.verdict;
    const refused = checkShape(document, limits);
    let verdict: DocumentVerdict;
    if (refused !== undefined) verdict = { refused };
    else {
      const errors = validate(schema, document, rules);
      verdict = errors.length > 0 ? { invalid: errors } : { valid: true };
    }
    verdicts.set(document, { schema, verdict });
    return verdict;
  };
}

export function costRefusal(cost: number, maxCost: number): GraphQLError {
  return refuse(`The operation's estimated cost is ${cost}; the limit is ${maxCost}.`, {
    cost,
    maxCost,
  });
}

/**
 * `operationCost`, remembered per parsed document and operation when the operation declares no
 * variables (its cost cannot change then; with variables, `first: $n` can).
 */
function createCostMemo() {
  const costs = new WeakMap<
    OperationDefinitionNode,
    { schema: GraphQLSchema; document: DocumentNode; cost: number }
  >();
  return (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): number => {
    if ((operation.variableDefinitions?.length ?? 0) > 0)
      return operationCost(schema, document, operation, variables);
    const known = costs.get(operation);
    if (known?.schema === schema && known.document === document) return known.cost;
    const cost = operationCost(schema, document, operation, variables);
    costs.set(operation, { schema, document, cost });
    return cost;
  };
}

export interface LimitsPluginOptions<Context extends BaseContext> extends OperationLimits {
  /** The server's `formatError`, for validation errors answered from this plugin. */
  formatError: (formatted: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;
  /** Further checks once the operation is known to be valid and within limits (per-field rate limits). */
  afterLimits?: (request: {
    document: DocumentNode;
    operation: OperationDefinitionNode;
    contextValue: Context;
  }) => Promise<void>;
}

/**
 * Enforces the limits and validates, before any subgraph is asked for anything. Apollo Server
 * runs its own validation before a plugin can refuse a document without a 500, so the router
 * turns Apollo's validation off (`dangerouslyDisableValidation`) and validates here after the
 * shape limits; it answers limit errors with QUERY_TOO_COMPLEX (Apollo would relabel a
 * validation rule's error GRAPHQL_VALIDATION_FAILED) and validation errors exactly as Apollo did.
 */
export function operationLimitsPlugin<Context extends BaseContext>(
  options: LimitsPluginOptions<Context>,
): ApolloServerPlugin<Context> {
  const judge = createDocumentJudge(options);
  const costOf = createCostMemo();
  return {
    requestDidStart: () => {
      let invalid: readonly GraphQLError[] | undefined;
      return Promise.resolve({
        didResolveOperation: async (requestContext) => {
          const { document, operation, schema, request } = requestContext;
          const verdict = judge(schema, document);
          if ('refused' in verdict) throw verdict.refused;
          if ('invalid' in verdict) {
            invalid = verdict.invalid;
            return;
          }
          if (operation === undefined) return;
          const cost = costOf(schema, document, operation, request.variables ?? {});
          if (cost > options.maxCost) throw costRefusal(cost, options.maxCost);
          await options.afterLimits?.({
            document,
            operation,
            contextValue: requestContext.contextValue,
          });
        },
        responseForOperation: () => {
          if (invalid === undefined) return Promise.resolve(null);
          const errors = invalid.map((error) => {
            const formatted = error.toJSON();
            return options.formatError(
              {
                ...formatted,
                extensions: { ...formatted.extensions, code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
              },
              error,
            );
          });
          return Promise.resolve({
            http: { status: 400, headers: new HeaderMap() },
            body: { kind: 'single' as const, singleResult: { errors } },
          });
        },
      });
    },
  };
}

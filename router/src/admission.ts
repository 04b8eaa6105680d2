import {
  GraphQLError,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { operationCost } from './cost.ts';
import { createDocumentMemo, type DocumentMemo } from './documentMemo.ts';
import { checkShape, costRefusal, type OperationLimits } from './limits.ts';

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

/** Shape limits (depth, expanded size, aliases, merge pairs), then graphql-js validation. */
export function analyseDocument(limits: OperationLimits): DocumentJudge {
  const rules = limits.noIntrospection ? [...specifiedRules, NoIntrospection] : specifiedRules;
  return (schema, document) => {
    const refused = checkShape(document, limits);
    if (refused !== undefined) return { refused };
    const errors = validate(schema, document, rules);
    return errors.length > 0 ? { invalid: errors } : { valid: true };
  };
}

/**
 * What the router decides about a document whatever its variables (`analyse`), remembered per
 * parsed document. Documents come from the gate's memo (documentMemo.ts), one object per query
 * text over HTTP and WebSocket alike, so a repeated document is analysed once, and its verdict
 * goes when the memo evicts the document.
 */
export function createDocumentJudge(
  limits: OperationLimits,
  analyse: DocumentJudge = analyseDocument(limits),
): DocumentJudge {
  const verdicts = new WeakMap<DocumentNode, { schema: GraphQLSchema; verdict: DocumentVerdict }>();
  return (schema: GraphQLSchema, document: DocumentNode): DocumentVerdict => {
    const known = verdicts.get(document);
    if (known?.schema === schema) return known.verdict;
    const verdict = analyse(schema, document);
    verdicts.set(document, { schema, verdict });
    return verdict;
  };
}

/**
 * What the router decides before an operation runs, the same over HTTP (the limits plugin) and
 * WebSocket (`subscribe` messages): the document's shape limits and validation, judged once per
 * parsed document, then the estimated cost of the chosen operation with its variables. Rate
 * limits are the other shared check (rateLimit.ts), since they need the caller, not the document.
 */
export interface OperationGate {
  /** Parsed documents by query hash: Apollo Server's document store, and the WebSocket's parser. */
  documents: DocumentMemo;
  judge: DocumentJudge;
  /** QUERY_TOO_COMPLEX when the operation, with these variables, costs more than the limit. */
  checkCost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): GraphQLError | undefined;
}

export function createOperationGate(
  limits: OperationLimits,
  analyse: DocumentJudge = analyseDocument(limits),
): OperationGate {
  return {
    documents: createDocumentMemo(),
    judge: createDocumentJudge(limits, analyse),
    checkCost(schema, document, operation, variables) {
      const cost = operationCost(schema, document, operation, variables);
      return cost > limits.maxCost ? costRefusal(cost, limits.maxCost) : undefined;
    },
  };
}

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

/**
 * What the router decides before an operation runs, the same over HTTP (the limits plugin) and
 * WebSocket (`subscribe` messages): the document's shape limits and validation, judged once per
 * parsed document, then the estimated cost of the chosen operation with its variables. Rate
 * limits are the other shared check (rateLimit.ts), since they need the caller, not the document.
 */
export interface OperationGate {
  judge: DocumentJudge;
  /** QUERY_TOO_COMPLEX when the operation, with these variables, costs more than the limit. */
  checkCost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): GraphQLError | undefined;
}

export function createOperationGate(limits: OperationLimits): OperationGate {
  return {
    judge: createDocumentJudge(limits),
    checkCost(schema, document, operation, variables) {
      const cost = operationCost(schema, document, operation, variables);
      return cost > limits.maxCost ? costRefusal(cost, limits.maxCost) : undefined;
    },
  };
}

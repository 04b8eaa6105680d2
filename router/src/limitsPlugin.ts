import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ErrorCode } from '@marquee/errors';
import type {
  DocumentNode,
  GraphQLError,
  GraphQLFormattedError,
  OperationDefinitionNode,
} from 'graphql';
import { createOperationGate, type OperationGate } from './admission.ts';
import type { OperationLimits } from './limits.ts';

export interface LimitsPluginOptions<Context extends BaseContext> extends OperationLimits {
  /** The checks to run; built from the limits when omitted. Pass the one the WebSocket server uses, so a document is judged once. */
  gate?: OperationGate;
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
  const gate = options.gate ?? createOperationGate(options);
  return {
    requestDidStart: () => {
      let invalid: readonly GraphQLError[] | undefined;
      return Promise.resolve({
        didResolveOperation: async (requestContext) => {
          const { document, operation, schema, request } = requestContext;
          const verdict = gate.judge(schema, document);
          if ('refused' in verdict) throw verdict.refused;
          if ('invalid' in verdict) {
            invalid = verdict.invalid;
            return;
          }
          if (operation === undefined) return;
          const tooCostly = gate.checkCost(schema, document, operation, request.variables ?? {});
          if (tooCostly !== undefined) throw tooCostly;
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

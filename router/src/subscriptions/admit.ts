import { ErrorCode } from '@marquee/errors';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { OperationGate } from '../admission.ts';

/** An operation sent over the socket that passed the checks, ready to run. */
export interface AdmittedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

// Over the socket an error is its message and code: no HTTP status to carry.
const requestError = (message: string, code: string) =>
  new GraphQLError(message, { extensions: { code } });

/**
 * The checks a `subscribe` message passes before anything runs, the same as an HTTP request's:
 * parsing (token limit), shape limits and validation, the operation to run, its variables, and
 * its cost, through the router's one OperationGate. Rate limits and the per-user cap follow in
 * the server, which knows the connection.
 */
export function admitOperation(
  gate: OperationGate,
  schema: GraphQLSchema,
  payload: SubscribePayload,
  maxTokens: number,
): AdmittedOperation | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = gate.documents.parse(payload.query, maxTokens);
  } catch (error) {
    return [
      requestError(
        error instanceof GraphQLError ? error.message : 'The query could not be parsed.',
        ErrorCode.GRAPHQL_PARSE_FAILED,
      ),
    ];
  }
  const verdict = gate.judge(schema, document);
  if ('refused' in verdict)
    return [requestError(verdict.refused.message, String(verdict.refused.extensions['code']))];
  if ('invalid' in verdict)
    return verdict.invalid.map((error) =>
      requestError(error.message, ErrorCode.GRAPHQL_VALIDATION_FAILED),
    );
  const operationName = payload.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (operation == null)
    return [requestError('Name the operation to run.', ErrorCode.OPERATION_RESOLUTION_FAILURE)];
  const variables = payload.variables ?? {};
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors !== undefined)
    return coerced.errors.map((error) => requestError(error.message, ErrorCode.BAD_USER_INPUT));
  const tooCostly = gate.checkCost(schema, document, operation, variables);
  if (tooCostly !== undefined)
    return [requestError(tooCostly.message, ErrorCode.QUERY_TOO_COMPLEX)];
  return { document, operation, operationName, variables };
}

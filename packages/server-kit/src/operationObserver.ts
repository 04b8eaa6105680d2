import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Identity } from '@marquee/auth';
import type { Logger } from '@marquee/logger';
import { childCache, createOperationNames, metrics } from '@marquee/telemetry';
import { currentSpan } from '@marquee/telemetry/tracing';

let accessLogSampleRate = 1;

/** ACCESS_LOG_SAMPLE_RATE, set once by the process (`serve`); 1 until then (tests). */
export function setAccessLogSampleRate(rate: number): void {
  accessLogSampleRate = rate;
}

/**
 * Per GraphQL operation, in the router and every subgraph: the operation counter and duration
 * histogram, the name on the request's trace span, and one access log line (operation, duration,
 * status, user id; the request id comes from the log scope, tokens never reach it). Successful
 * operations are logged at ACCESS_LOG_SAMPLE_RATE, failed ones always. The counters' children
 * are made once per operation name, so a request allocates no metric objects.
 */
export function operationObserverPlugin<Context extends BaseContext>(options: {
  service: string;
  logger: Logger;
}): ApolloServerPlugin<Context> {
  const { service, logger } = options;
  const { operations, operationDuration } = metrics();
  const names = createOperationNames();
  const counted = childCache(operations);
  const timed = childCache(operationDuration);
  return {
    requestDidStart() {
      const started = performance.now();
      let validated = false;
      return Promise.resolve({
        executionDidStart() {
          // Execution starts only for a document that passed validation and every limit.
          validated = true;
          return Promise.resolve();
        },
        didResolveOperation({ operation, operationName }) {
          const span = currentSpan();
          if (span !== undefined && operation !== undefined) {
            span.updateName(`${operation.operation} ${operationName ?? 'anonymous'}`);
            span.setAttribute('graphql.operation.type', operation.operation);
            if (operationName != null) span.setAttribute('graphql.operation.name', operationName);
          }
          return Promise.resolve();
        },
        willSendResponse({ response, operationName, contextValue }) {
          const seconds = (performance.now() - started) / 1000;
          const failed =
            (response.http.status ?? 200) >= 400 ||
            (response.body.kind === 'single' &&
              (response.body.singleResult.errors?.length ?? 0) > 0);
          const status = failed ? 'error' : 'ok';
          const operation = names(operationName, validated);
          counted(`${operation}\u0000${status}`, { service, operation, status }).inc();
          timed(operation, { service, operation }).observe(seconds);
          if (
            logger.isLevelEnabled('info') &&
            (failed || accessLogSampleRate >= 1 || Math.random() < accessLogSampleRate)
          ) {
            const { identity } = contextValue as { identity?: Identity | undefined };
            logger.info(
              {
                operation: operationName ?? null,
                durationMs: Math.round(seconds * 10_000) / 10,
                status,
                userId: identity?.userId ?? null,
              },
              'operation',
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}

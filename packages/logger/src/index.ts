import { pino, type Logger, type LevelWithSilent, type DestinationStream } from 'pino';
import { currentRequestScope } from './requestScope.ts';

export type { Logger };
export {
  acceptRequestId,
  currentRequestScope,
  REQUEST_ID_HEADER,
  runInRequestScope,
  type RequestScope,
} from './requestScope.ts';

/**
 * Structured JSON logs. Anything that can carry a secret is redacted by path, so a token or a
 * password hash never reaches a log line even when an object is logged whole.
 */
export const redactedPaths = [
  'password',
  'passwordHash',
  'token',
  'refreshToken',
  'authorization',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.refreshToken',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-marquee-identity"]',
  'headers.authorization',
  'variables.password',
];

/**
 * Adds the request id of the request being served (see requestScope.ts) to every line. A new
 * object each time: pino merges the line's own fields into the object the mixin returns.
 */
function requestIdMixin(): object {
  const scope = currentRequestScope();
  return scope === undefined ? {} : { requestId: scope.requestId };
}

export function createLogger(
  options: { name: string; level?: LevelWithSilent },
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      mixin: requestIdMixin,
    },
    ...(destination === undefined ? [] : [destination]),
  );
}

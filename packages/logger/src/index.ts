import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

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

export function createLogger(options: { name: string; level?: LevelWithSilent }): Logger {
  return pino({
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: redactedPaths, censor: '[redacted]' },
  });
}

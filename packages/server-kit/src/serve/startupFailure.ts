import { loadEnv } from '@marquee/env';
import { UserError } from '@marquee/errors/user';

/**
 * For a workspace's `src/index.ts`: prints why the service could not start in one line (the
 * stack too with LOG_LEVEL=debug or trace) and exits 1, as the `marquee` command does.
 */
export function exitOnStartupFailure(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const line = message
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
  console.error(
    error instanceof UserError
      ? `error: ${line}`
      : `error: unexpected error: ${line} (set LOG_LEVEL=debug for the stack trace)`,
  );
  if (wantsStack()) console.error(error);
  process.exit(1);
}

/** LOG_LEVEL=debug or trace; false when the environment itself is what failed to parse. */
function wantsStack(): boolean {
  try {
    const { LOG_LEVEL } = loadEnv();
    return LOG_LEVEL === 'debug' || LOG_LEVEL === 'trace';
  } catch {
    return false;
  }
}

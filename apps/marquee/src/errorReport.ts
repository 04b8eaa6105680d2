import { stat } from 'node:fs/promises';
import type { CommanderError } from 'commander';
import { UserError } from '@marquee/errors/user';

/**
 * What the `marquee` command prints when a command fails: one line that says what is wrong and
 * how to fix it. Mistakes a user can fix arrive as `UserError`s (or file-system and gzip errors,
 * named here); anything else is a bug, reported by its message with a pointer to `--verbose`.
 */
export function describeError(error: unknown): string {
  if (error instanceof UserError) return oneLine(error.message);
  const file = describeFileError(error);
  if (file !== undefined) return file;
  const message = error instanceof Error ? error.message : String(error);
  return `unexpected error: ${oneLine(message)} (run again with --verbose for the stack trace)`;
}

/**
 * A commander parse error (unknown command or option, missing or invalid argument) as one line:
 * commander's own message, its "Did you mean …?" suggestion, and where the usage is.
 */
export function describeUsageError(error: CommanderError, command: string | undefined): string {
  const message = oneLine(error.message.replace(/^error:\s*/, ''));
  const help = command === undefined ? 'marquee --help' : `marquee ${command} --help`;
  return `${message} (see ${help})`;
}

/** Commander's ways of ending that are not failures of the user's: help and version output. */
export function isHelpExit(error: CommanderError): boolean {
  return (
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.help' ||
    error.code === 'commander.version'
  );
}

interface SystemError extends Error {
  code?: string;
  path?: string;
}

const fileProblems: Record<string, (path: string) => string> = {
  ENOENT: (path) => `${path} does not exist: check the path`,
  ENOTDIR: (path) => `${path} is not a directory (a part of the path is a file): check the path`,
  EISDIR: (path) => `${path} is a directory where a file was expected: give the file's path`,
  EACCES: (path) => `cannot read ${path}: permission denied (check its owner and mode)`,
  EPERM: (path) => `cannot read ${path}: operation not permitted (check its owner and mode)`,
  EMFILE: () => 'too many open files: raise the limit (ulimit -n) and run again',
};

/** Errors Node raises for a path (`open`, `stat`, `scandir`), and gzip streams that end early or are not gzip. */
function describeFileError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as SystemError;
  if (code === undefined) return undefined;
  const problem = fileProblems[code];
  if (problem !== undefined && (path !== undefined || code === 'EMFILE'))
    return problem(path ?? '');
  // zlib's codes; a `.gz` reader names its file with `fileReadError` below.
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR')
    return `a gzip file is truncated or corrupt (${error.message}): download it again`;
  return undefined;
}

/**
 * A read error of `path` as a `UserError` naming the file (gzip streams do not know their
 * file's name); other errors come back unchanged.
 */
export function fileReadError(path: string, error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as SystemError;
  if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
    const what = code === 'Z_BUF_ERROR' ? 'is truncated' : 'is not valid gzip';
    return new UserError(
      `${path} ${what} (${error.message}): download it again or unpack it and give the plain file`,
      { cause: error },
    );
  }
  // Read errors (EISDIR, EACCES mid-stream) may carry no path of their own.
  const problem = code === undefined ? undefined : fileProblems[code];
  return problem === undefined
    ? error
    : new UserError(problem((error as SystemError).path ?? path), { cause: error });
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** Fails with a one-line `UserError` unless `path` is a directory (before a command opens its stores). */
export async function requireDirectory(path: string): Promise<void> {
  const found = await stat(path).catch((error: unknown) => {
    throw fileReadError(path, error);
  });
  if (!found.isDirectory())
    throw new UserError(
      `${path} is a file, not a directory: give the directory that holds the source files`,
    );
}

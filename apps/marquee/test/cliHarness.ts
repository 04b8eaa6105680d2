import { once } from 'node:events';
import { spawnMarquee } from '@marquee/testing';

export interface Finished {
  code: number | null;
  /** stdout and stderr together, as a user sees them. */
  output: string;
  lines: string[];
  ms: number;
}

/** Runs `marquee <args>` to its end, however it ends (runMarquee rejects on failure). */
export async function runToEnd(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Finished> {
  const started = Date.now();
  const marquee = spawnMarquee(args, env);
  const [code] = (await once(marquee.child, 'exit')) as [number | null];
  const output = marquee.output();
  return {
    code,
    output,
    lines: output.split('\n').filter((line) => line.trim() !== ''),
    ms: Date.now() - started,
  };
}

/** What every failure report must be: one line, the `error:` prefix, no stack frames. */
export function expectOneLineError(finished: Finished): string {
  if (
    finished.code !== 1 ||
    finished.lines.length !== 1 ||
    !finished.lines[0]?.startsWith('error: ') ||
    /^\s+at /m.test(finished.output)
  ) {
    throw new Error(
      `expected exit code 1 and a one-line error, got exit code ${finished.code}:\n${finished.output}`,
    );
  }
  return finished.lines[0];
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../../../apps/marquee/bin/marquee.js', import.meta.url));

export interface MarqueeProcess {
  child: ChildProcess;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs `marquee <args>` as a child process under this Node (24), the way a user would. */
export function spawnMarquee(args: readonly string[], env: Record<string, string>): MarqueeProcess {
  const child = spawn(process.execPath, [launcher, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs `marquee <args>` to completion; rejects with its output when it fails. */
export async function runMarquee(
  args: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  const process = spawnMarquee(args, env);
  const [code] = (await once(process.child, 'exit')) as [number | null];
  if (code !== 0)
    throw new Error(`marquee ${args.join(' ')} exited with ${code}:\n${process.output()}`);
  return process.output();
}

/** Polls a URL until it answers 200 (and `accept` agrees), or fails with the processes' output. */
export async function waitForHealthy(
  url: string,
  processes: readonly MarqueeProcess[],
  options: { timeoutMs?: number; accept?: (body: unknown) => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead !== undefined) throw new Error(`A process exited early:\n${dead.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok && (options.accept?.(await response.json()) ?? true)) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${url} did not become healthy:\n${processes.map((p) => p.output()).join('\n---\n')}`,
  );
}

/** POSTs a GraphQL operation; returns status and parsed body. */
export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

#!/usr/bin/env node
// The `marquee` command. Plain JavaScript so that it runs on any Node: Marquee targets Node 24,
// and on an older Node this launcher re-runs itself under a Node 24 obtained from the npm
// registry (scripts/node24.sh), then loads the TypeScript CLI with Node's own type stripping.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const script = fileURLToPath(new URL('../../../scripts/node24.sh', import.meta.url));
  console.error(
    `marquee: Node ${process.versions.node} is older than 24; using Node 24 from the npm registry.`,
  );
  const found = spawnSync('bash', [script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const binDir = found.stdout.trim().split('\n').pop();
  if (found.status !== 0 || !binDir) {
    console.error('marquee: could not obtain Node 24; install it and run again.');
    process.exit(1);
  }
  const child = spawn(
    `${binDir}/node`,
    [fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (process.features.typescript) {
  // Node 24 strips the types itself (the code base is erasable syntax only, see tsconfig.json):
  // no loader hooks on every import and no source-map rewriting of every stack trace at run
  // time, which tsx costs a server under load.
  await import('../src/main.ts');
} else {
  // Type stripping turned off (--no-experimental-strip-types): compile through tsx.
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * No Docker engine runs in CI, so the deployment files are checked by structure: the compose
 * file, the Dockerfile, .dockerignore and .env.example must agree with each other and with the
 * services, ports and variables the code uses.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(repoRoot + path, 'utf8');

interface HealthCheck {
  test?: string | string[];
}
type DependsOn = string[] | Record<string, { condition?: string }>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  ports?: (string | number | { target?: number; published?: string | number })[];
  expose?: (string | number)[];
  environment?: string[] | Record<string, string | number | boolean | null>;
  depends_on?: DependsOn;
  healthcheck?: HealthCheck;
  restart?: string;
  profiles?: string[];
  networks?: string[] | Record<string, unknown>;
  volumes?: (string | { source?: string })[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
}

const composeSource = read('docker-compose.yml');
// Compose resolves `<<` merge keys, which YAML 1.2 leaves off unless asked.
const compose = parse(composeSource, { merge: true }) as ComposeFile;
const envExample = read('.env.example');
const dockerfile = read('Dockerfile');
const rootPackage = JSON.parse(read('package.json')) as { bin?: unknown; workspaces: string[] };

const subgraphPorts = {
  movies: 4001,
  people: 4002,
  users: 4003,
  reviews: 4004,
  recommendations: 4005,
} as const;
const subgraphs = Object.keys(subgraphPorts) as (keyof typeof subgraphPorts)[];
const stores = { postgres: 'DATABASE_URL', mongo: 'MONGO_URL', redis: 'REDIS_URL' } as const;
const secretVariables = [
  'TOKEN_SECRET_KEY',
  'TOKEN_PUBLIC_KEY',
  'INTERNAL_IDENTITY_SECRET',
  'POSTGRES_PASSWORD',
  'MONGO_PASSWORD',
  'REDIS_PASSWORD',
];

function service(name: string): Service {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? '')]));
}

function dependencies(svc: Service): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']),
  );
}

function healthcheckCommand(svc: Service): string {
  const test = svc.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/** Jaeger, Prometheus and Grafana: third-party images under a profile of their own. */
const observability = new Set(
  Object.entries(compose.services)
    .filter(([, svc]) => (svc.profiles ?? []).includes('observability'))
    .map(([name]) => name),
);

/** Services built from this repository (everything that is neither a store nor observability). */
const ourServices = Object.keys(compose.services).filter(
  (name) => !(name in stores) && !observability.has(name),
);

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}`; `$${...}` is an escaped literal. */
const interpolation = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)((?::?[-?+])[^}]*)?\}/g;
const interpolations = [...composeSource.matchAll(interpolation)].map((match) => ({
  name: match[1] ?? '',
  modifier: match[2] ?? '',
}));

/** Names assigned in .env.example, commented out (a default shown) or not. */
const documentedVariables = new Set(
  envExample
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined),
);

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with comments dropped and `\` continuations joined. */
function instructions(source: string): Instruction[] {
  const logical = source
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerInstructions = instructions(dockerfile);
const finalStage = dockerInstructions.slice(
  dockerInstructions.map((i) => i.keyword).lastIndexOf('FROM'),
);

describe('docker-compose.yml', () => {
  it('defines the stores, the migration, the five subgraphs and the router', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'mongo', 'redis', 'migrate', ...subgraphs, 'router']),
    );
  });

  it('runs each service with the matching marquee command', () => {
    expect(service('migrate').command).toEqual(['migrate']);
    expect(service('router').command).toEqual(['serve', 'router']);
    for (const name of subgraphs) expect(service(name).command).toEqual(['serve', name]);
  });

  it('publishes a port only on the router, and that port is 4000', () => {
    // The observability UIs publish on 127.0.0.1 only (observability.test.ts).
    const publishing = Object.entries(compose.services)
      .filter(([name, svc]) => !observability.has(name) && (svc.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['router']);
    expect(service('router').ports).toEqual(['4000:4000']);
  });

  it('exposes each subgraph on its own port to the compose network only', () => {
    for (const [name, port] of Object.entries(subgraphPorts)) {
      expect(service(name).expose?.map(String)).toEqual([String(port)]);
    }
  });

  it('health-checks the router and every subgraph on its own /health endpoint', () => {
    const ports: Record<string, number> = { ...subgraphPorts, router: 4000 };
    for (const [name, port] of Object.entries(ports)) {
      expect(healthcheckCommand(service(name))).toContain(`http://127.0.0.1:${port}/health`);
    }
  });

  it('health-checks every store so dependants can wait for it', () => {
    expect(healthcheckCommand(service('postgres'))).toContain('pg_isready');
    expect(healthcheckCommand(service('mongo'))).toContain('ping');
    expect(healthcheckCommand(service('redis'))).toContain('redis-cli ping');
  });

  it('starts every subgraph only after the migration has completed successfully', () => {
    for (const name of subgraphs) {
      expect(dependencies(service(name))).toMatchObject({
        migrate: 'service_completed_successfully',
      });
    }
    expect(dependencies(service('migrate'))).toMatchObject({ postgres: 'service_healthy' });
  });

  it('starts the router only after all five subgraphs are healthy', () => {
    expect(dependencies(service('router'))).toMatchObject(
      Object.fromEntries(subgraphs.map((name) => [name, 'service_healthy'])),
    );
  });

  it('makes a service that is given a store URL wait for that store to be healthy', () => {
    for (const name of ourServices) {
      const env = environmentOf(service(name));
      for (const [store, variable] of Object.entries(stores)) {
        if (env[variable] !== undefined) {
          expect(dependencies(service(name))[store], `${name} → ${store}`).toBe('service_healthy');
        }
      }
    }
  });

  it('gives the router, every subgraph and the seed job the secrets production requires', () => {
    for (const name of [...subgraphs, 'router', 'seed']) {
      expect(Object.keys(environmentOf(service(name))), name).toEqual(
        expect.arrayContaining([
          'TOKEN_SECRET_KEY',
          'TOKEN_PUBLIC_KEY',
          'INTERNAL_IDENTITY_SECRET',
        ]),
      );
    }
  });

  it('gives every subgraph all three stores, so none falls back to an in-process stand-in', () => {
    for (const name of subgraphs) {
      expect(environmentOf(service(name)), name).toMatchObject({
        DATABASE_URL: expect.stringMatching(/^postgresql:\/\/[^@]+@postgres:5432\//),
        MONGO_URL: expect.stringMatching(/^mongodb:\/\/[^@]+@mongo:27017\//),
        REDIS_URL: expect.stringMatching(/^redis:\/\/[^@]+@redis:6379\//),
      });
    }
  });

  it('points the router at each subgraph by its compose service name and port', () => {
    const env = environmentOf(service('router'));
    for (const [name, port] of Object.entries(subgraphPorts)) {
      expect(env[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${port}/graphql`);
    }
  });

  it('pins postgres, mongo and redis to a major version', () => {
    for (const store of Object.keys(stores)) {
      expect(service(store).image).toMatch(new RegExp(`^${store}:\\d+(\\.\\d+)*(-[a-z0-9.]+)?$`));
    }
  });

  it('keeps store data in named volumes, Redis with an append-only file', () => {
    const mounts = {
      postgres: 'postgres-data:/var/lib/postgresql/data',
      mongo: 'mongo-data:/data/db',
      redis: 'redis-data:/data',
    };
    for (const [store, mount] of Object.entries(mounts)) {
      expect(service(store).volumes).toContain(mount);
      expect(Object.keys(compose.volumes ?? {})).toContain(mount.split(':')[0]);
    }
    expect(service('redis').command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });

  it('builds every non-store service from the repository Dockerfile as one shared image', () => {
    const images = new Set<string | undefined>();
    for (const name of ourServices) {
      const { build, image } = service(name);
      expect(build, name).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      images.add(image);
    }
    expect(images.size).toBe(1);
    expect(existsSync(repoRoot + 'Dockerfile')).toBe(true);
  });

  it('restarts long-running services but never re-runs one-shot jobs', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      const oneShot = name === 'migrate' || (svc.profiles ?? []).includes('tools');
      expect(svc.restart, name).toBe(oneShot ? 'no' : 'unless-stopped');
    }
  });

  it('puts every service on the same single network', () => {
    expect(Object.keys(compose.networks ?? {})).toHaveLength(1);
    const [network] = Object.keys(compose.networks ?? {});
    for (const [name, svc] of Object.entries(compose.services)) {
      const networks = Array.isArray(svc.networks) ? svc.networks : Object.keys(svc.networks ?? {});
      expect(networks, name).toEqual([network]);
    }
  });

  it('takes every secret from the environment and refuses to start without it', () => {
    for (const secret of secretVariables) {
      const uses = interpolations.filter(({ name }) => name === secret);
      expect(uses.length, secret).toBeGreaterThan(0);
      for (const { modifier } of uses) expect(modifier, secret).toMatch(/^:\?.+/);
    }
  });

  it('holds no literal secret in any environment value, command or connection URL', () => {
    const secretKey = /(SECRET|PASSWORD|_KEY)$/;
    const onlyInterpolation = /^\$\{[A-Z_][A-Z0-9_]*:\?[^}]+\}$/;
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(environmentOf(svc))) {
        if (secretKey.test(key)) expect(value, `${name}.${key}`).toMatch(onlyInterpolation);
        const credentials = /^[a-z]+:\/\/[^/@:]*:([^@]*)@/.exec(value);
        if (credentials !== null) {
          expect(credentials[1], `${name}.${key}`).toMatch(onlyInterpolation);
        }
      }
    }
    expect(composeSource).not.toMatch(/k4\.(secret|public)\.[A-Za-z0-9_-]{8,}/);
  });

  it('documents in .env.example every variable it names', () => {
    const named = new Set(interpolations.map(({ name }) => name));
    for (const name of ourServices) {
      for (const key of Object.keys(environmentOf(service(name)))) named.add(key);
    }
    const missing = [...named].filter((name) => !documentedVariables.has(name));
    expect(missing).toEqual([]);
  });
});

describe('.env.example', () => {
  it('documents every variable the env package reads', () => {
    const envSource = read('packages/env/src/index.ts');
    const parsed = [...envSource.matchAll(/^\s+([A-Z][A-Z0-9_]*):\s/gm)].map(([, name]) => name);
    expect(parsed.length).toBeGreaterThan(10);
    expect(parsed.filter((name) => name !== undefined && !documentedVariables.has(name))).toEqual(
      [],
    );
  });

  it('explains each variable in a comment right above it', () => {
    const lines = envExample.split('\n');
    lines.forEach((line, index) => {
      if (!/^#?\s*[A-Z][A-Z0-9_]*=/.test(line)) return;
      let above = index - 1;
      while (above >= 0 && /^#?\s*[A-Z][A-Z0-9_]*=/.test(lines[above] ?? '')) above -= 1;
      expect(lines[above] ?? '', line).toMatch(/^# \S/);
    });
  });

  it('ships every secret empty and says how to generate real ones', () => {
    for (const secret of secretVariables) {
      expect(envExample).toMatch(new RegExp(`^${secret}=$`, 'm'));
    }
    expect(envExample).toContain('npx marquee keys');
  });
});

describe('Dockerfile', () => {
  it('builds on Node 24', () => {
    const bases = dockerInstructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    const stages = new Set(bases.map((args) => /\bAS\s+(\S+)/i.exec(args)?.[1]));
    for (const base of bases) {
      const image = base.split(/\s+/)[0] ?? '';
      if (!stages.has(image)) expect(image).toMatch(/^node:24(\.|-|$)/);
    }
  });

  it('runs as a non-root user', () => {
    const users = finalStage.filter((i) => i.keyword === 'USER').map((i) => i.args);
    const user = users.at(-1) ?? 'root';
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('enters through apps/marquee/bin/marquee.js', () => {
    const entrypoint = finalStage.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
    expect(JSON.parse(entrypoint?.args ?? 'null')).toEqual(['node', 'apps/marquee/bin/marquee.js']);
    expect(rootPackage.bin).toEqual({ marquee: 'apps/marquee/bin/marquee.js' });
  });

  it('sets production mode and binds on all interfaces inside the container', () => {
    const env = finalStage
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bMARQUEE_HOST=0\.0\.0\.0\b/);
  });

  it('installs dependencies from every workspace manifest before copying the source', () => {
    const { workspaces } = rootPackage;
    const install = dockerInstructions.findIndex(
      (i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args),
    );
    expect(install).toBeGreaterThan(-1);
    const installStage = dockerInstructions
      .slice(0, install)
      .map((i) => i.keyword)
      .lastIndexOf('FROM');
    const copiesBefore = dockerInstructions
      .slice(installStage, install)
      .filter((i) => i.keyword === 'COPY')
      .map((i) => i.args.split(/\s+/));
    const sources = copiesBefore.flatMap((args) => args.slice(0, -1));
    expect(sources).toEqual(
      expect.arrayContaining([
        'package.json',
        'package-lock.json',
        ...workspaces.map((glob) => `${glob}/package.json`),
      ]),
    );
    expect(sources).not.toContain('.');
  });

  it('keeps tsx in the production install, since the CLI runs TypeScript through it', () => {
    const install = dockerInstructions.find(
      (i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args),
    );
    expect(install?.args).toContain('--omit=dev');
    const cli = JSON.parse(read('apps/marquee/package.json')) as { dependencies?: object };
    expect(cli.dependencies).toHaveProperty('tsx');
    const lock = JSON.parse(read('package-lock.json')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    expect(lock.packages['node_modules/tsx']).toMatchObject({});
    expect(lock.packages['node_modules/tsx']?.dev).not.toBe(true);
  });

  it('leaves host dependencies, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining([
        '**/node_modules',
        '**/.marquee',
        '**/.env',
        '.git',
        '**/coverage',
        '**/.turbo',
        'bench/results',
        '**/*.log',
      ]),
    );
  });
});

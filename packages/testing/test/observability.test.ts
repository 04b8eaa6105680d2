import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * `docker compose --profile observability` (Jaeger, Prometheus, Grafana) checked by structure,
 * since no Docker engine runs in CI: the services sit under the profile only, what they mount
 * exists, Prometheus scrapes every Marquee service where it listens, Grafana is provisioned with
 * the data sources and the dashboard, and every Marquee process can be pointed at Jaeger.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(repoRoot + path, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
  networks?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const service = (name: string): Service => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

const marqueePorts = {
  router: 4000,
  movies: 4001,
  people: 4002,
  users: 4003,
  reviews: 4004,
  recommendations: 4005,
} as const;
const profileServices = ['jaeger', 'prometheus', 'grafana'];

/** A bind mount `./host:/container[:ro]` as its two paths; named volumes give undefined. */
function bindMount(volume: string): { host: string; container: string } | undefined {
  const [host = '', container = ''] = volume.split(':');
  return host.startsWith('./') ? { host: host.slice(2), container } : undefined;
}
const mountOf = (svc: Service, host: string) =>
  (svc.volumes ?? []).map(bindMount).find((mount) => mount?.host === host)?.container;

interface ScrapeConfig {
  job_name: string;
  relabel_configs?: { source_labels?: string[]; target_label?: string }[];
  metrics_path?: string;
  static_configs?: { targets: string[] }[];
  dns_sd_configs?: { names: string[]; type?: string; port?: number }[];
}
interface Datasource {
  name: string;
  uid?: string;
  type: string;
  url: string;
  isDefault?: boolean;
}

describe('docker compose --profile observability', () => {
  it('adds Jaeger, Prometheus and Grafana under that profile only, on the compose network', () => {
    const inProfile = Object.entries(compose.services)
      .filter(([, svc]) => (svc.profiles ?? []).includes('observability'))
      .map(([name]) => name);
    expect(inProfile.sort()).toEqual([...profileServices].sort());
    for (const name of profileServices) {
      expect(service(name).profiles).toEqual(['observability']);
      expect(service(name).networks).toEqual(['marquee']);
    }
  });

  it('pins each image to an exact release', () => {
    for (const name of profileServices) {
      expect(service(name).image, name).toMatch(/^[a-z/]+:v?\d+\.\d+\.\d+$/);
    }
  });

  it('publishes the three UIs on the loopback interface only', () => {
    expect(service('jaeger').ports).toEqual(['127.0.0.1:16686:16686']);
    expect(service('prometheus').ports).toEqual(['127.0.0.1:9090:9090']);
    expect(service('grafana').ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('mounts only files and folders that exist in the repository', () => {
    for (const name of profileServices) {
      for (const volume of service(name).volumes ?? []) {
        const mount = bindMount(volume);
        if (mount === undefined) {
          expect(Object.keys(compose.volumes ?? {}), volume).toContain(volume.split(':')[0]);
        } else {
          expect(existsSync(repoRoot + mount.host), `${name}: ${mount.host}`).toBe(true);
          expect(volume, `${name} mounts configuration read-only`).toMatch(/:ro$/);
        }
      }
    }
  });

  it('gives every Marquee process the OTLP endpoint setting, empty (no export) unless set', () => {
    // Built from this repository's Dockerfile: the services, migrate and seed.
    const marqueeServices = Object.entries(compose.services).filter(
      ([, svc]) => svc.build !== undefined,
    );
    expect(marqueeServices.map(([name]) => name)).toEqual(
      expect.arrayContaining(Object.keys(marqueePorts)),
    );
    for (const [name, svc] of marqueeServices) {
      expect(svc.environment?.OTEL_EXPORTER_OTLP_ENDPOINT, name).toBe(
        '${OTEL_EXPORTER_OTLP_ENDPOINT:-}',
      );
    }
  });

  it("suggests an endpoint in .env.example that Jaeger's OTLP/HTTP receiver answers", () => {
    const envExample = read('.env.example');
    // The compose pairing, beside COMPOSE_PROFILES (the general entry shows a local collector).
    const endpoints = [...envExample.matchAll(/^#?\s*OTEL_EXPORTER_OTLP_ENDPOINT=(\S+)$/gm)].map(
      ([, endpoint = '']) => new URL(endpoint),
    );
    const url = endpoints.find((endpoint) => endpoint.hostname === 'jaeger');
    expect(url).toBeDefined();
    expect(service('jaeger').expose).toContain(url?.port);
    expect(url?.port).toBe('4318');
    expect(envExample).toMatch(/^#?\s*COMPOSE_PROFILES=observability$/m);
  });
});

describe('Prometheus (deploy/prometheus/prometheus.yml)', () => {
  const prometheus = service('prometheus');
  const configFlag = (prometheus.command ?? []).find((arg) => arg.startsWith('--config.file='));
  const configPath = 'deploy/prometheus/prometheus.yml';
  const config = parse(read(configPath)) as { scrape_configs: ScrapeConfig[] };

  it('is started with the mounted configuration', () => {
    expect(configFlag).toBe(`--config.file=${mountOf(prometheus, configPath)}`);
  });

  it("scrapes /metrics of the router and every subgraph on the service's own port", () => {
    const targets = config.scrape_configs.flatMap((job) =>
      (job.dns_sd_configs ?? []).flatMap((sd) =>
        sd.names.map((name) => ({ name, port: sd.port, path: job.metrics_path ?? '/metrics' })),
      ),
    );
    expect(targets).toEqual(
      expect.arrayContaining(
        Object.entries(marqueePorts).map(([name, port]) => ({ name, port, path: '/metrics' })),
      ),
    );
    for (const [name, port] of Object.entries(marqueePorts)) {
      const svc = service(name);
      const listening = [
        ...(svc.expose ?? []),
        ...(svc.ports ?? []).map((p) => p.split(':').at(-1)),
      ];
      expect(listening, name).toContain(String(port));
    }
  });

  it('labels every series with the service it came from, as the dashboard selects by it', () => {
    for (const job of config.scrape_configs) {
      expect(job.relabel_configs).toContainEqual({
        source_labels: ['__meta_dns_name'],
        target_label: 'service',
      });
    }
  });

  it('finds every replica by DNS rather than one fixed address', () => {
    for (const job of config.scrape_configs) {
      expect(job.static_configs, job.job_name).toBeUndefined();
      for (const sd of job.dns_sd_configs ?? []) expect(sd.type).toBe('A');
    }
  });
});

describe('Grafana (deploy/grafana)', () => {
  const grafana = service('grafana');
  const provisioning = mountOf(grafana, 'deploy/grafana/provisioning');
  const dashboardsMount = mountOf(grafana, 'deploy/grafana/dashboards');
  const datasources = (
    parse(read('deploy/grafana/provisioning/datasources/datasources.yml')) as {
      datasources: Datasource[];
    }
  ).datasources;
  const providers = (
    parse(read('deploy/grafana/provisioning/dashboards/dashboards.yml')) as {
      providers: { type: string; options: { path: string } }[];
    }
  ).providers;

  it('mounts the provisioning folder where Grafana reads it', () => {
    expect(provisioning).toBe('/etc/grafana/provisioning');
    for (const kind of ['datasources', 'dashboards']) {
      expect(statSync(`${repoRoot}deploy/grafana/provisioning/${kind}`).isDirectory()).toBe(true);
    }
  });

  it('provisions Prometheus as the default data source, at its compose address', () => {
    const prometheus = datasources.find((source) => source.type === 'prometheus');
    expect(prometheus).toMatchObject({ url: 'http://prometheus:9090', isDefault: true });
    expect(service('prometheus').ports?.[0]).toMatch(/:9090$/);
  });

  it("provisions Jaeger for traces at its UI's address", () => {
    const jaeger = datasources.find((source) => source.type === 'jaeger');
    expect(jaeger?.url).toBe('http://jaeger:16686');
    expect(service('jaeger').ports?.[0]).toMatch(/:16686$/);
  });

  it('loads the dashboards from the folder the compose file mounts, the Marquee one as home', () => {
    expect(providers.map((provider) => provider.options.path)).toEqual([dashboardsMount]);
    expect(providers[0]?.type).toBe('file');
    expect(existsSync(`${repoRoot}deploy/grafana/dashboards/marquee.json`)).toBe(true);
    expect(grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      `${dashboardsMount}/marquee.json`,
    );
  });
});

describe('docs/deployment.md', () => {
  const docs = read('docs/deployment.md');

  it('documents the profile and says that it has not been run here', () => {
    expect(docs).toContain('docker compose --profile observability');
    expect(docs).toMatch(/not been started/);
  });
});

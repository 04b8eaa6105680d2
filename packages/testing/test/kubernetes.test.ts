import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { kustomizeBuild, type RenderedObject } from '../src/manifests/kustomize.ts';
import { folderOf, typeCheckLiterals } from '../src/manifests/typeCheckLiterals.ts';

/**
 * The Kubernetes manifests, checked with no cluster: kustomize renders the base and the
 * production overlay, every object is validated against the Kubernetes API's JSON schemas
 * (kubernetes-models, generated from the API's OpenAPI definitions) and type-checked against the
 * same models' declarations, which also refuses unknown fields as `kubectl apply` does, and then
 * the rules the schemas cannot express are checked here.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const overlays = {
  base: `${repoRoot}deploy/k8s/base`,
  production: `${repoRoot}deploy/k8s/overlays/production`,
} as const;
const servicePorts = {
  router: 4000,
  movies: 4001,
  people: 4002,
  users: 4003,
  reviews: 4004,
  recommendations: 4005,
} as const;
const subgraphs = Object.keys(servicePorts).filter((name) => name !== 'router');
const secretName = 'marquee-secrets';

/** Every variable packages/env parses (its schema lists one `NAME: z…` per line). */
const envVariables = new Set(
  [
    ...readFileSync(`${repoRoot}packages/env/src/index.ts`, 'utf8').matchAll(
      /^\s+([A-Z][A-Z0-9_]*):\s/gm,
    ),
  ].map(([, name]) => name),
);
const secretKeys = [
  'DATABASE_URL',
  'MONGO_URL',
  'REDIS_URL',
  'TOKEN_SECRET_KEY',
  'TOKEN_PUBLIC_KEY',
  'INTERNAL_IDENTITY_SECRET',
  'METRICS_TOKEN',
];

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Container {
  name: string;
  image?: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  containers: Container[];
  enableServiceLinks?: boolean;
  securityContext?: { runAsNonRoot?: boolean };
  automountServiceAccountToken?: boolean;
}
interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}
type Selector = { matchLabels?: Record<string, string> };

const at = <T>(object: unknown, ...path: string[]): T =>
  path.reduce<unknown>(
    (value, key) => (value as Record<string, unknown> | undefined)?.[key],
    object,
  ) as T;

const rendered: Record<keyof typeof overlays, RenderedObject[]> = { base: [], production: [] };

beforeAll(() => {
  rendered.base = kustomizeBuild(overlays.base);
  rendered.production = kustomizeBuild(overlays.production);
}, 60_000);

function find(objects: RenderedObject[], kind: string, name: string): RenderedObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name} rendered`);
  return found;
}

/** kubernetes-models lays out one module per kind: `apps/v1` + `Deployment`, or `v1` + `Service`. */
function modelPath({ apiVersion, kind }: RenderedObject): string {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

function podTemplates(objects: RenderedObject[]): { owner: string; template: PodTemplate }[] {
  return objects.flatMap((object) => {
    const owner = `${object.kind}/${object.metadata.name}`;
    if (object.kind === 'CronJob') {
      return [
        { owner, template: at<PodTemplate>(object, 'spec', 'jobTemplate', 'spec', 'template') },
      ];
    }
    if (['Deployment', 'Job'].includes(object.kind)) {
      return [{ owner, template: at<PodTemplate>(object, 'spec', 'template') }];
    }
    return [];
  });
}

const matches = (selector: Selector | undefined, labels: Record<string, string> | undefined) =>
  Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels?.[key] === value) &&
  Object.keys(selector?.matchLabels ?? {}).length > 0;

describe.each(Object.keys(overlays) as (keyof typeof overlays)[])(
  'kustomize build %s',
  (overlay) => {
    const objects = () => rendered[overlay];

    it('renders every object the services need', () => {
      const names = objects().map((o) => `${o.kind}/${o.metadata.name}`);
      for (const service of Object.keys(servicePorts)) {
        for (const kind of [
          'Deployment',
          'Service',
          'HorizontalPodAutoscaler',
          'PodDisruptionBudget',
        ]) {
          expect(names).toContain(`${kind}/${service}`);
        }
      }
      expect(names).toEqual(
        expect.arrayContaining(['Job/marquee-migrate', 'CronJob/marquee-train']),
      );
      expect(names.filter((name) => name.startsWith('NetworkPolicy/')).length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
    });

    it('validates every object against the Kubernetes API schemas', async () => {
      const failures: string[] = [];
      for (const object of objects()) {
        const module = (await import(modelPath(object))) as Record<
          string,
          new (data: unknown) => { validate(): void }
        >;
        const Model = module[object.kind];
        if (Model === undefined) throw new Error(`${modelPath(object)} exports no ${object.kind}`);
        try {
          new Model(object).validate();
        } catch (error) {
          failures.push(`${object.kind}/${object.metadata.name}: ${String(error)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('runs each service with its marquee command on its own port', () => {
      for (const [service, port] of Object.entries(servicePorts)) {
        const [container, ...others] = at<Container[]>(
          find(objects(), 'Deployment', service),
          'spec',
          'template',
          'spec',
          'containers',
        );
        expect(others).toEqual([]);
        expect(container?.args).toEqual(['serve', service]);
        expect(container?.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
        const svc = find(objects(), 'Service', service);
        expect(at(svc, 'spec', 'ports')).toEqual([
          { name: 'http', port, targetPort: 'http', protocol: 'TCP' },
        ]);
        expect(
          matches(
            { matchLabels: at<Record<string, string>>(svc, 'spec', 'selector') },
            at(find(objects(), 'Deployment', service), 'spec', 'template', 'metadata', 'labels'),
          ),
        ).toBe(true);
      }
    });

    it('probes liveness on /health/live and readiness on /health/ready of the service port', () => {
      for (const service of Object.keys(servicePorts)) {
        const [container] = at<Container[]>(
          find(objects(), 'Deployment', service),
          'spec',
          'template',
          'spec',
          'containers',
        );
        expect(container?.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container?.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
        expect(container?.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      }
    });

    it('gives every container CPU and memory requests and limits, requests within limits', () => {
      const toNumber = (quantity: string) => {
        const units: Record<string, number> = { m: 1e-3, Mi: 2 ** 20, Gi: 2 ** 30, '': 1 };
        const [, amount = '', unit = ''] = /^([\d.]+)([A-Za-z]*)$/.exec(quantity) ?? [];
        const factor = units[unit];
        if (factor === undefined) throw new Error(`unexpected quantity ${quantity}`);
        return Number(amount) * factor;
      };
      for (const { owner, template } of podTemplates(objects())) {
        for (const container of template.spec.containers) {
          for (const resource of ['cpu', 'memory']) {
            const request = container.resources?.requests?.[resource];
            const limit = container.resources?.limits?.[resource];
            expect(request, `${owner} ${resource} request`).toBeDefined();
            expect(limit, `${owner} ${resource} limit`).toBeDefined();
            expect(toNumber(request ?? '0'), `${owner} ${resource}`).toBeLessThanOrEqual(
              toNumber(limit ?? '0'),
            );
          }
        }
      }
    });

    it('autoscales and protects every Deployment, leaving its replica count to the autoscaler', () => {
      for (const service of Object.keys(servicePorts)) {
        const deployment = find(objects(), 'Deployment', service);
        expect(at(deployment, 'spec', 'replicas')).toBeUndefined();
        const hpa = find(objects(), 'HorizontalPodAutoscaler', service);
        expect(at(hpa, 'spec', 'scaleTargetRef')).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: service,
        });
        expect(at<number>(hpa, 'spec', 'minReplicas')).toBeGreaterThanOrEqual(2);
        expect(at<number>(hpa, 'spec', 'maxReplicas')).toBeGreaterThan(
          at<number>(hpa, 'spec', 'minReplicas'),
        );
        const pdb = find(objects(), 'PodDisruptionBudget', service);
        expect(
          matches(
            at<Selector>(pdb, 'spec', 'selector'),
            at(deployment, 'spec', 'template', 'metadata', 'labels'),
          ),
        ).toBe(true);
        expect(at(pdb, 'spec', 'maxUnavailable')).toBe(1);
      }
    });

    it('runs every pod as non-root with a read-only root filesystem and no service-account token', () => {
      for (const { owner, template } of podTemplates(objects())) {
        expect(template.spec.securityContext?.runAsNonRoot, owner).toBe(true);
        expect(template.spec.automountServiceAccountToken, owner).toBe(false);
        for (const container of template.spec.containers) {
          expect(container.securityContext, owner).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
          });
        }
      }
    });

    it('turns off Service environment variables, which would set ROUTER_PORT to a URL', () => {
      for (const { owner, template } of podTemplates(objects())) {
        expect(template.spec.enableServiceLinks, owner).toBe(false);
      }
    });

    it('takes settings from the rendered ConfigMap and secrets only from marquee-secrets', () => {
      const configMaps = new Set(
        objects()
          .filter((o) => o.kind === 'ConfigMap')
          .map((o) => o.metadata.name),
      );
      for (const { owner, template } of podTemplates(objects())) {
        for (const container of template.spec.containers) {
          const fromConfig = (container.envFrom ?? []).map((source) => source.configMapRef?.name);
          expect(fromConfig.length, owner).toBeGreaterThan(0);
          for (const name of fromConfig) expect(configMaps, owner).toContain(name);
          for (const variable of container.env ?? []) {
            expect(variable.value, `${owner} ${variable.name} is set literally`).toBeUndefined();
            const ref = variable.valueFrom?.secretKeyRef;
            expect(ref?.name, `${owner} ${variable.name}`).toBe(secretName);
            expect(ref?.key).toBe(variable.name);
            expect(secretKeys).toContain(ref?.key);
          }
        }
      }
    });

    it('sets only variables Marquee reads', () => {
      expect(envVariables.size).toBeGreaterThan(10);
      const named = new Set<string>();
      for (const config of objects().filter((o) => o.kind === 'ConfigMap')) {
        for (const key of Object.keys(at<Record<string, string>>(config, 'data'))) named.add(key);
      }
      for (const { template } of podTemplates(objects())) {
        for (const container of template.spec.containers) {
          for (const variable of container.env ?? []) named.add(variable.name);
        }
      }
      expect([...named].filter((name) => !envVariables.has(name))).toEqual([]);
    });

    it('renders no Secret and no secret value: the Secret is created outside the repository', () => {
      expect(objects().filter((o) => o.kind === 'Secret')).toEqual([]);
      const text = JSON.stringify(objects());
      expect(text).not.toMatch(/k4\.(secret|public)\.[A-Za-z0-9_-]{8,}/);
      expect(text).not.toMatch(/[a-z]+:\/\/[^/@"]*:[^@"]+@/);
      for (const config of objects().filter((o) => o.kind === 'ConfigMap')) {
        for (const key of secretKeys) expect(at(config, 'data', key), key).toBeUndefined();
      }
    });

    it('points the router at every subgraph through its Service, and trains outside the serving pods', () => {
      const config = objects().find((o) => o.kind === 'ConfigMap');
      for (const subgraph of subgraphs) {
        const port = servicePorts[subgraph as keyof typeof servicePorts];
        expect(at(config, 'data', `${subgraph.toUpperCase()}_URL`)).toBe(
          `http://${subgraph}:${port}/graphql`,
        );
      }
      expect(at(config, 'data', 'TRAIN_INTERVAL_SECONDS')).toBe('0');
      const [train] = podTemplates([find(objects(), 'CronJob', 'marquee-train')]);
      expect(train?.template.spec.containers[0]?.args).toEqual(['train']);
      expect(at(find(objects(), 'CronJob', 'marquee-train'), 'spec', 'concurrencyPolicy')).toBe(
        'Forbid',
      );
    });

    it('runs the migrations as a Job with the database URL only', () => {
      const [migrate] = podTemplates([find(objects(), 'Job', 'marquee-migrate')]);
      const container = migrate?.template.spec.containers[0];
      expect(container?.args).toEqual(['migrate']);
      expect(container?.env?.map((variable) => variable.name)).toEqual(['DATABASE_URL']);
      expect(at(migrate?.template, 'spec', 'restartPolicy')).toBe('Never');
    });

    it('lets clients reach the subgraphs only through the router', () => {
      const policies = objects().filter((o) => o.kind === 'NetworkPolicy');
      const denyAll = policies.find(
        (p) =>
          Object.keys(at<Selector>(p, 'spec', 'podSelector').matchLabels ?? {}).length === 0 &&
          at<string[]>(p, 'spec', 'policyTypes').includes('Ingress') &&
          at(p, 'spec', 'ingress') === undefined,
      );
      expect(denyAll, 'a policy that denies all ingress by default').toBeDefined();
      for (const subgraph of subgraphs) {
        const labels = at<Record<string, string>>(
          find(objects(), 'Deployment', subgraph),
          'spec',
          'template',
          'metadata',
          'labels',
        );
        const admitting = policies.filter((p) =>
          matches(at<Selector>(p, 'spec', 'podSelector'), labels),
        );
        expect(admitting.length, subgraph).toBeGreaterThan(0);
        for (const policy of admitting) {
          for (const rule of at<
            { from?: { podSelector?: Selector; namespaceSelector?: Selector }[] }[]
          >(policy, 'spec', 'ingress')) {
            expect(rule.from, `${policy.metadata.name} admits any source`).toBeDefined();
            for (const peer of rule.from ?? []) {
              const fromRouter =
                peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'router';
              const fromMonitoring =
                peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ===
                'monitoring';
              expect(fromRouter || fromMonitoring, JSON.stringify(peer)).toBe(true);
            }
          }
        }
      }
    });
  },
);

describe('every overlay', () => {
  // One compiler run for both renders: loading the models' declarations is most of its cost.
  it('uses no field the Kubernetes API does not define', () => {
    const objects = Object.entries(rendered).flatMap(([overlay, list]) =>
      list.map((object) => ({ overlay, object })),
    );
    const errors = typeCheckLiterals(
      objects.map(({ overlay, object }) => ({
        name: `${overlay}: ${object.kind}/${object.metadata.name}`,
        type: `I${object.kind}`,
        from: modelPath(object),
        value: object,
      })),
      folderOf(import.meta.url),
    );
    expect(objects.length).toBeGreaterThan(30);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('production overlay', () => {
  it('puts everything in the marquee namespace, from a registry image, with three replicas or more', () => {
    const objects = rendered.production;
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe('marquee');
    }
    for (const { owner, template } of podTemplates(objects)) {
      for (const container of template.spec.containers) {
        expect(container.image, owner).toMatch(/^[a-z0-9.-]+\/[a-z0-9/._-]+:[\w.-]+$/);
      }
    }
    for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
      expect(at<number>(hpa, 'spec', 'minReplicas')).toBeGreaterThanOrEqual(3);
    }
    expect(at(find(objects, 'Namespace', 'marquee'), 'metadata', 'labels')).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  it('admits only the Ingress controller and Prometheus to the router, as it trusts X-Forwarded-For', () => {
    const config = rendered.production.find((o) => o.kind === 'ConfigMap');
    expect(at(config, 'data', 'TRUST_PROXY')).toBe('true');
    const policy = find(rendered.production, 'NetworkPolicy', 'router-ingress');
    const sources = at<{ from?: { namespaceSelector?: Selector }[] }[]>(policy, 'spec', 'ingress')
      .flatMap((rule) => rule.from ?? [{}])
      .map((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']);
    expect(sources.sort()).toEqual(['ingress-nginx', 'monitoring']);
  });

  it('lets every service require a token for /metrics, as the router is public', () => {
    for (const service of Object.keys(servicePorts)) {
      const [container] = at<Container[]>(
        find(rendered.production, 'Deployment', service),
        'spec',
        'template',
        'spec',
        'containers',
      );
      expect(
        container?.env?.find((v) => v.name === 'METRICS_TOKEN')?.valueFrom?.secretKeyRef,
      ).toEqual({ name: secretName, key: 'METRICS_TOKEN', optional: true });
    }
  });

  it('runs only the operations of the persisted-query manifest', () => {
    const config = rendered.production.find((o) => o.kind === 'ConfigMap');
    expect(at(config, 'data', 'PERSISTED_QUERIES')).toBe('safelist');
  });

  it('routes the Ingress to the router Service', () => {
    const ingress = find(rendered.production, 'Ingress', 'router');
    const paths = at<{ backend: { service: { name: string; port: { name: string } } } }[]>(
      ingress,
      'spec',
      'rules',
      '0',
      'http',
      'paths',
    );
    expect(paths.map((p) => p.backend.service)).toEqual([
      { name: 'router', port: { name: 'http' } },
    ]);
  });
});

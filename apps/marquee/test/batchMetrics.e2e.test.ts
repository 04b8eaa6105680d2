import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  metricValue,
  postGraphQL,
  queryDatabase,
  runMarquee,
  scrapeMetrics,
  servicesDeployment,
  startServices,
  type ServicesDeployment,
} from '@marquee/testing';
import { expectOneLineError, runToEnd } from './cliHarness.ts';

// The figures of batch commands (`marquee ingest`, `marquee evaluate --record`), which exit before
// any scrape, exported by the services that own their records, read from the store at scrape time.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

let deployment: ServicesDeployment;
let databaseUrl: string;
const metricsUrl = (service: 'movies' | 'recommendations') =>
  deployment.subgraphUrls[service].replace(/\/graphql$/, '/metrics');

beforeAll(async () => {
  deployment = await servicesDeployment(stack);
  databaseUrl = deployment.env['DATABASE_URL'] ?? '';
  await runMarquee(['seed'], deployment.env);
  await startServices(deployment, stack);
}, 120_000);

async function scratch(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'marquee-batch-metrics-'));
  stack.defer(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

describe('batch figures on /metrics', () => {
  it("exports each ingested file's loaded and rejected rows from the movies service, summed over runs", async () => {
    // A small MovieLens folder with two ratings lines that are not ratings (rejected).
    const fixture = await scratch();
    const source = fileURLToPath(new URL('fixtures/ml-conflicting-links', import.meta.url));
    for (const name of ['links.csv', 'movies.csv'])
      await copyFile(join(source, name), join(fixture, name));
    const ratings = await readFile(join(source, 'ratings.csv'), 'utf8');
    await writeFile(
      join(fixture, 'ratings.csv'),
      `${ratings.trimEnd()}\n1,6003,eleven,964982710\nnot a rating\n`,
    );
    const rejects = await scratch();
    const ingest = () =>
      runMarquee(['ingest', 'movielens', fixture, '--json', '--rejects', rejects], {
        ...deployment.env,
        LOG_LEVEL: 'warn',
      });
    // The output carries the progress lines (stderr) before the JSON summary.
    const output = await ingest();
    const summary = JSON.parse(output.slice(output.search(/^\{$/m))) as {
      files: { file: string; read: number; rejected: number }[];
    };
    expect(summary.files.find((file) => file.file === 'ratings.csv')?.rejected).toBe(2);
    const scraped = await scrapeMetrics(metricsUrl('movies'));
    for (const file of summary.files) {
      const source = `movielens/${file.file}`;
      expect(
        metricValue(scraped, 'marquee_ingest_rows_total', {
          service: 'movies',
          source,
          outcome: 'loaded',
        }),
      ).toBe(file.read - file.rejected);
      expect(
        metricValue(scraped, 'marquee_ingest_rows_total', {
          service: 'movies',
          source,
          outcome: 'rejected',
        }),
      ).toBe(file.rejected);
    }

    // A second run adds to the totals (a counter Prometheus can take a rate of).
    await ingest();
    const again = await scrapeMetrics(metricsUrl('movies'));
    for (const file of summary.files)
      expect(
        metricValue(again, 'marquee_ingest_rows_total', {
          service: 'movies',
          source: `movielens/${file.file}`,
          outcome: 'rejected',
        }),
      ).toBe(2 * file.rejected);
  }, 120_000);

  it('records the served model’s NDCG@10 with its snapshot: the gauge and catalogueStats show it', async () => {
    await runMarquee(['train'], deployment.env);
    const [served] = await queryDatabase<{ version: number; kind: string }>(
      databaseUrl,
      'SELECT version, kind FROM recommendations.model_snapshot ORDER BY version DESC LIMIT 1',
    );
    expect(served?.kind).toBe('ease');
    // Two tastes over 48 films: a catalogue size for which training ships EASE, as served.
    const lines: string[] = [];
    for (let user = 1; user <= 60; user += 1)
      for (let n = 0; n < 12; n += 1) {
        const item = ((n * 7 + user) % 24) * 2 + (user % 2);
        lines.push(`${user}\t${item}\t5\t${1_000_000 + n * 60}`);
      }
    const file = join(await scratch(), 'u.data');
    await writeFile(file, `${lines.join('\n')}\n`);
    const before = await scrapeMetrics(metricsUrl('recommendations'));
    expect(
      before
        .filter((family) => family.name === 'marquee_model_ndcg_at_10')
        .flatMap((family) => family.metrics),
    ).toEqual([]);

    const output = await runMarquee(['evaluate', file, '--record', '--json'], {
      ...deployment.env,
      LOG_LEVEL: 'warn',
    });
    const report = JSON.parse(output) as {
      recordedVersion: number;
      models: { model: string; ndcgAt10: number; recallAt20: number }[];
    };
    expect(report.recordedVersion).toBe(served?.version);
    const row = report.models.at(-1);
    expect(row?.model).toMatch(/^served \(ease/);
    expect(row?.ndcgAt10).toBeGreaterThan(0);

    const scraped = await scrapeMetrics(metricsUrl('recommendations'));
    expect(
      metricValue(scraped, 'marquee_model_ndcg_at_10', {
        service: 'recommendations',
        model: 'ease',
      }),
    ).toBeCloseTo(row?.ndcgAt10 ?? -1, 12);

    const signUp = await postGraphQL(`${deployment.routerUrl}/graphql`, {
      query: 'mutation { signUp(username: "metricsadmin", password: "a-long-password") { token } }',
    });
    expect((signUp.body as { errors?: unknown }).errors).toBeUndefined();
    const admin = (
      await runMarquee(['token', '--user', 'metricsadmin', '--role', 'admin'], deployment.env)
    )
      .trim()
      .split('\n')
      .at(-1);
    const stats = await postGraphQL(
      `${deployment.routerUrl}/graphql`,
      { query: '{ catalogueStats { modelVersions { version kind metrics { name value } } } }' },
      { authorization: `Bearer ${admin}` },
    );
    const body = stats.body as {
      errors?: unknown;
      data: {
        catalogueStats: {
          modelVersions: { version: number; metrics: { name: string; value: number }[] }[];
        };
      };
    };
    expect(body.errors).toBeUndefined();
    const newest = body.data.catalogueStats.modelVersions[0];
    expect(newest?.version).toBe(served?.version);
    expect(newest?.metrics).toEqual(
      expect.arrayContaining([
        { name: 'ndcgAt10', value: row?.ndcgAt10 },
        { name: 'recallAt20', value: row?.recallAt20 },
      ]),
    );
  }, 180_000);

  it('refuses --record with --task rating in one line', async () => {
    expect(
      expectOneLineError(
        await runToEnd(['evaluate', 'u.data', '--task', 'rating', '--record'], {
          LOG_LEVEL: 'warn',
        }),
      ),
    ).toBe(
      'error: --record stores ranking figures (NDCG@10, Recall@20): use it with --task ranking.',
    );
  });
});

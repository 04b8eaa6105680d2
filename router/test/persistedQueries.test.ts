import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentHash,
  loadPersistedQueryList,
  persistedQueryList,
  WEB_APP_MANIFEST,
} from '../src/persistedQueries/manifest.ts';
import {
  persistedExtension,
  postJson,
  routerOverHttp,
  type RouterOverHttp,
} from './routerOverHttp.ts';

const LISTED = 'query Listed { __typename }';
const UNLISTED = 'query Unlisted { __typename }';
const manifest = { [`sha256:${documentHash(LISTED)}`]: LISTED };

let safelist: RouterOverHttp;
let apq: RouterOverHttp;
let off: RouterOverHttp;

beforeAll(async () => {
  const list = persistedQueryList(manifest);
  [safelist, apq, off] = await Promise.all([
    routerOverHttp({ persistedQueries: { mode: 'safelist', list } }),
    routerOverHttp({ persistedQueries: { mode: 'apq', list } }),
    routerOverHttp({ persistedQueries: { mode: 'off', list } }),
  ]);
});
afterAll(async () => {
  await Promise.all([safelist.close(), apq.close(), off.close()]);
});

const STRICT = { accept: 'application/graphql-response+json' };
const codeOf = (answer: { body: { errors?: { extensions?: { code?: string } }[] } }) =>
  answer.body.errors?.[0]?.extensions?.code;

describe('PERSISTED_QUERIES=safelist', () => {
  it('runs a listed operation by its hash alone, by POST and by GET', async () => {
    const byPost = await postJson(safelist.endpoint, {
      extensions: persistedExtension(documentHash(LISTED)),
    });
    expect(byPost).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    const extensions = encodeURIComponent(JSON.stringify(persistedExtension(documentHash(LISTED))));
    const byGet = await fetch(`${safelist.endpoint}?extensions=${extensions}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(byGet.status).toBe(200);
    expect(await byGet.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('runs a listed operation sent as its full text', async () => {
    await expect(postJson(safelist.endpoint, { query: LISTED })).resolves.toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('runs the listed text for a listed hash, whatever text came with it', async () => {
    const answer = await postJson(safelist.endpoint, {
      query: 'query Listed {\n  __typename\n}',
      extensions: persistedExtension(documentHash(LISTED)),
    });
    expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses an unlisted text, an unlisted hash and an unlisted text with its own hash with PERSISTED_QUERY_NOT_IN_LIST', async () => {
    for (const body of [
      { query: UNLISTED },
      { extensions: persistedExtension(documentHash(UNLISTED)) },
      { query: UNLISTED, extensions: persistedExtension(documentHash(UNLISTED)) },
      // A listed text with a different name or spacing is another document.
      { query: `${LISTED} ` },
    ]) {
      const lenient = await postJson(safelist.endpoint, body);
      expect(lenient).toEqual({
        status: 200,
        body: {
          errors: [
            {
              message: 'This operation is not in the persisted query list.',
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
            },
          ],
        },
      });
      const strict = await postJson(safelist.endpoint, body, STRICT);
      expect([strict.status, codeOf(strict)]).toEqual([400, 'PERSISTED_QUERY_NOT_IN_LIST']);
    }
  });

  it('refuses unlisted GETs too, and still answers a request with no query as malformed', async () => {
    const get = await fetch(`${safelist.endpoint}?query=${encodeURIComponent(UNLISTED)}`, {
      headers: { 'apollo-require-preflight': '1' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({
      errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }],
    });
    const empty = await postJson(safelist.endpoint, {});
    expect([empty.status, codeOf(empty)]).toEqual([400, 'BAD_REQUEST']);
  });
});

describe('PERSISTED_QUERIES=apq', () => {
  it('runs any text, finds the manifest pre-registered, and registers a new hash once its text is sent', async () => {
    await expect(postJson(apq.endpoint, { query: UNLISTED })).resolves.toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
    await expect(
      postJson(apq.endpoint, { extensions: persistedExtension(documentHash(LISTED)) }),
    ).resolves.toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    const hash = documentHash('query Fresh { __typename }');
    const miss = await postJson(apq.endpoint, { extensions: persistedExtension(hash) });
    expect([miss.status, codeOf(miss)]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND']);
    await postJson(apq.endpoint, {
      query: 'query Fresh { __typename }',
      extensions: persistedExtension(hash),
    });
    await expect(postJson(apq.endpoint, { extensions: persistedExtension(hash) })).resolves.toEqual(
      { status: 200, body: { data: { __typename: 'Query' } } },
    );
  });
});

describe('PERSISTED_QUERIES=off', () => {
  it('answers a hash with PERSISTED_QUERY_NOT_SUPPORTED and runs any text', async () => {
    const hashOnly = await postJson(off.endpoint, {
      extensions: persistedExtension(documentHash(LISTED)),
    });
    expect(codeOf(hashOnly)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    await expect(postJson(off.endpoint, { query: UNLISTED })).resolves.toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });
});

describe('the manifest', () => {
  it("loads the web app's manifest, generated by its codegen, every hash matching its document", async () => {
    const list = await loadPersistedQueryList(WEB_APP_MANIFEST);
    expect(list.size).toBeGreaterThan(10);
  });

  it('refuses a manifest whose hash is not its document’s, and a missing one, in one line naming the setting', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const path = join(dir, 'persisted-documents.json');
      await writeFile(path, JSON.stringify({ 'sha256:abc': LISTED }));
      await expect(loadPersistedQueryList(path)).rejects.toThrow(
        /^PERSISTED_QUERIES_MANIFEST: in .*, sha256:abc is not the SHA-256 of its document/,
      );
      await expect(loadPersistedQueryList(join(dir, 'none.json'))).rejects.toThrow(
        /^PERSISTED_QUERIES_MANIFEST: cannot read .* \(no such file\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

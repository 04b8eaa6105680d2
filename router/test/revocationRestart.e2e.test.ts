import { afterAll, describe, expect, it } from 'vitest';
import {
  DisposalStack,
  embeddedDeployment,
  postGraphQL,
  spawnMarquee,
  waitForHealthy,
  type TestDeployment,
} from '@marquee/testing';

// The embedded default keeps the router's copy of the revocations in process memory; the record
// in PostgreSQL (PGlite in the data folder) is what brings a logout back after a restart.
const stack = new DisposalStack();
afterAll(() => stack.disposeAll());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `marquee start`, like startEmbedded but with room for a fresh PGlite's first start on a busy machine. */
async function start(deployment: TestDeployment) {
  const process = spawnMarquee(['start'], deployment.env);
  stack.defer(() => process.stop());
  await waitForHealthy(`${deployment.routerUrl}/health`, [process], {
    timeoutMs: 150_000,
    accept: (body) => (body as { status?: string }).status === 'ok',
  });
  return process;
}

describe('logout in the embedded default', () => {
  it('still refuses a logged-out token after the process restarts', async () => {
    const deployment = await embeddedDeployment(stack, {
      MARQUEE_SEED_DEMO: 'false',
      TRAIN_INTERVAL_SECONDS: '0',
    });
    const graphql = `${deployment.routerUrl}/graphql`;
    const first = await start(deployment);
    const signUp = await postGraphQL(graphql, {
      query: 'mutation { signUp(username: "persistent", password: "a-long-password") { token } }',
    });
    const { token } = signUp.body.data?.['signUp'] as { token: string };
    const other = await postGraphQL(graphql, {
      query: 'mutation { logIn(username: "persistent", password: "a-long-password") { token } }',
    });
    const { token: kept } = other.body.data?.['logIn'] as { token: string };
    await expect(
      postGraphQL(graphql, { query: 'mutation { logOut }' }, bearer(token)),
    ).resolves.toMatchObject({ body: { data: { logOut: true } } });
    expect(
      (await postGraphQL(graphql, { query: '{ me { username } }' }, bearer(token))).status,
    ).toBe(401);

    await first.stop();
    await start(deployment);

    const after = await postGraphQL(graphql, { query: '{ me { username } }' }, bearer(token));
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]).toMatchObject({
      message: 'This session has ended; log in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The restarted process serves, and a session that was not ended still works.
    await expect(
      postGraphQL(graphql, { query: '{ me { username } }' }, bearer(kept)),
    ).resolves.toMatchObject({ status: 200, body: { data: { me: { username: 'persistent' } } } });
  }, 400_000);
});

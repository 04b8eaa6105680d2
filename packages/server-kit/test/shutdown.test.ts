import { describe, expect, it } from 'vitest';
import { UserError } from '@marquee/errors';
import { createLogger } from '@marquee/logger';
import { runUntilSignalled } from '../src/serve/shutdown.ts';

const logger = createLogger({ name: 'test', level: 'silent' });

describe('runUntilSignalled', () => {
  it('closes what a failed start opened, newest first, and passes the error on', async () => {
    const closed: string[] = [];
    const listeners = process.listenerCount('SIGTERM');
    const failure = runUntilSignalled({ logger, graceSeconds: 25 }, async (lifecycle) => {
      lifecycle.defer(() => Promise.resolve(closed.push('stores')));
      lifecycle.defer((graceMs) => Promise.resolve(closed.push(`movies (grace ${graceMs} ms)`)));
      await Promise.resolve();
      throw new UserError(
        'port 4000 is in use (ROUTER_PORT): stop the other process or set ROUTER_PORT',
      );
    });
    await expect(failure).rejects.toThrow('port 4000 is in use (ROUTER_PORT)');
    // Nothing was serving: no drain to wait for.
    expect(closed).toEqual(['movies (grace 0 ms)', 'stores']);
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
  });

  it('still closes the rest when one closer fails', async () => {
    const closed: string[] = [];
    const failure = runUntilSignalled({ logger, graceSeconds: 25 }, async (lifecycle) => {
      lifecycle.defer(() => Promise.resolve(closed.push('stores')));
      lifecycle.defer(() => Promise.reject(new Error('already closed')));
      await Promise.resolve();
      throw new Error('migration failed');
    });
    await expect(failure).rejects.toThrow('migration failed');
    expect(closed).toEqual(['stores']);
  });
});

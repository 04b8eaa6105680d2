import { describe, expect, it } from 'vitest';
import { DisposalStack } from '../src/disposables.ts';

describe('DisposalStack', () => {
  it('runs disposers newest first, awaiting each before the next', async () => {
    const stack = new DisposalStack();
    const calls: string[] = [];
    stack.defer(() => calls.push('server'));
    stack.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      calls.push('client');
    });
    stack.defer(() => calls.push('subscription'));

    await stack.disposeAll();

    expect(calls).toEqual(['subscription', 'client', 'server']);
    expect(stack.size).toBe(0);
  });

  it('runs every disposer and reports all failures together', async () => {
    const stack = new DisposalStack();
    const calls: string[] = [];
    stack.defer(() => calls.push('first'));
    stack.defer(() => {
      throw new Error('redis quit failed');
    });
    stack.defer(() => Promise.reject(new Error('pool end failed')));

    const failure = await stack.disposeAll().catch((error: unknown) => error);

    expect(calls).toEqual(['first']);
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure as AggregateError).errors.map((error: Error) => error.message)).toEqual([
      'pool end failed',
      'redis quit failed',
    ]);
    expect((failure as AggregateError).message).toContain('redis quit failed');
  });

  it('adopts a resource and returns it unchanged', async () => {
    const stack = new DisposalStack();
    const closed: string[] = [];
    const resource = stack.adopt({ name: 'pool' }, (pool) => closed.push(pool.name));

    expect(resource).toEqual({ name: 'pool' });
    await stack.disposeAll();
    expect(closed).toEqual(['pool']);
  });

  it('disposes at the end of an `await using` scope', async () => {
    const closed: string[] = [];
    {
      await using stack = new DisposalStack();
      stack.defer(() => closed.push('scoped'));
    }
    expect(closed).toEqual(['scoped']);
  });
});

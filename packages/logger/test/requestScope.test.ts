import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { acceptRequestId, createLogger, runInRequestScope } from '../src/index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('request scope', () => {
  it('puts the request id on every line written while serving the request, children included', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test' }, stream);
    const child = logger.child({ service: 'movies' });
    logger.info('before');
    await runInRequestScope({ requestId: 'req-1' }, async () => {
      child.info('inside');
      await new Promise((resolve) => setTimeout(resolve, 1));
      setImmediate(() => child.warn('after an await, from a callback'));
      await new Promise((resolve) => setImmediate(resolve));
    });
    logger.info('after');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line['msg'], line['requestId']])).toEqual([
      ['before', undefined],
      ['inside', 'req-1'],
      ['after an await, from a callback', 'req-1'],
      ['after', undefined],
    ]);
    expect(lines[1]).toMatchObject({ service: 'movies' });
    // A line's own fields never leak into the next line of the same request.
    await runInRequestScope({ requestId: 'req-2' }, () => {
      logger.info({ err: new Error('first') }, 'with fields');
      logger.info('without');
      return Promise.resolve();
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.at(-1)).not.toHaveProperty('err');
    logger.info({ err: new Error('outside') }, 'outside with fields');
    logger.info('outside without');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.at(-1)).not.toHaveProperty('err');
  });

  it('keeps concurrent requests apart', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test' }, stream);
    await Promise.all(
      ['a', 'b', 'c'].map((requestId) =>
        runInRequestScope({ requestId }, async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          logger.info(requestId);
        }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.every((line) => line['msg'] === line['requestId'])).toBe(true);
    expect(lines).toHaveLength(3);
  });
});

describe('acceptRequestId', () => {
  it('takes a short printable id as it is', () => {
    expect(acceptRequestId('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(
      '0f8fad5b-d9cb-469f-a165-70867728950e',
    );
    expect(acceptRequestId('lb:1.2_x')).toBe('lb:1.2_x');
  });

  it('replaces a missing, over-long or unprintable id with a fresh UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'x'.repeat(65), 'a b', 'id\nforged: line', 'é', ['a']])
      expect(acceptRequestId(bad)).toMatch(uuid);
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });
});

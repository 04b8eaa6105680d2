import { describe, expect, it } from 'vitest';
import { createMemoryEntityStore } from '../src/index.ts';
import { describeEntityStoreContract } from './entityStoreContract.ts';

describeEntityStoreContract('memory entity store', () =>
  createMemoryEntityStore({ ttlSeconds: 60 }),
);

describe('memory entity store', () => {
  it('forgets an entity after its time to live and keeps at most maxEntities', async () => {
    let now = 1_000_000;
    const store = createMemoryEntityStore({ ttlSeconds: 10, maxEntities: 2, now: () => now });
    const { stamp } = await store.read([]);
    await store.write(
      [
        { entity: 'a', field: 'f', value: 'A' },
        { entity: 'b', field: 'f', value: 'B' },
        { entity: 'c', field: 'f', value: 'C' },
      ],
      stamp,
    );
    const lookups = ['a', 'b', 'c'].map((entity) => ({ entity, field: 'f' }));
    expect((await store.read(lookups)).values).toEqual([undefined, 'B', 'C']);
    now += 10_001;
    expect((await store.read(lookups)).values).toEqual([undefined, undefined, undefined]);
  });
});

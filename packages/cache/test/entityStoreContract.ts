import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EntityStore } from '../src/index.ts';

/** Creates an entity store whose keys live under `prefix` (ignored without a shared server). */
export type CreateEntityStore = (prefix: string) => EntityStore;

/** The behaviour every EntityStore implementation shares. */
export function describeEntityStoreContract(name: string, createStore: CreateEntityStore): void {
  const freshStore = () => createStore(`entities:${randomUUID()}:`);
  const heat = { entity: 'reviews:Movie:tt0113277', field: 'summary' };
  const heatCast = { entity: 'reviews:Movie:tt0113277', field: 'cast' };
  const alien = { entity: 'reviews:Movie:tt0078748', field: 'summary' };

  describe(`${name} (EntityStore contract)`, () => {
    it('misses, then finds each field written after the read, in the order asked', async () => {
      const store = freshStore();
      const first = await store.read([heat, alien]);
      expect(first.values).toEqual([undefined, undefined]);
      await store.write(
        [
          { ...heat, value: 'heat' },
          { ...alien, value: 'alien' },
        ],
        first.stamp,
      );
      const second = await store.read([alien, heatCast, heat]);
      expect(second.values).toEqual(['alien', undefined, 'heat']);
      expect(second.stamp).toBeGreaterThan(first.stamp);
    });

    it('drops every field of an invalidated entity and no other entity', async () => {
      const store = freshStore();
      const { stamp } = await store.read([]);
      await store.write(
        [
          { ...heat, value: 'heat' },
          { ...heatCast, value: 'cast' },
          { ...alien, value: 'alien' },
        ],
        stamp,
      );
      await store.invalidate([heat.entity]);
      expect((await store.read([heat, heatCast, alien])).values).toEqual([
        undefined,
        undefined,
        'alien',
      ]);
    });

    it('refuses a write read before an invalidation, and takes one read after it', async () => {
      const store = freshStore();
      const before = await store.read([heat]);
      await store.invalidate([heat.entity]);
      // What a fetch that began before the change answered is not kept.
      await store.write([{ ...heat, value: 'old' }], before.stamp);
      const after = await store.read([heat]);
      expect(after.values).toEqual([undefined]);
      await store.write([{ ...heat, value: 'new' }], after.stamp);
      expect((await store.read([heat])).values).toEqual(['new']);
    });

    it('clears every entity, and refuses writes read before the clear', async () => {
      const store = freshStore();
      const before = await store.read([]);
      await store.write(
        [
          { ...heat, value: 'heat' },
          { ...alien, value: 'alien' },
        ],
        before.stamp,
      );
      await store.clear();
      await store.write([{ ...heatCast, value: 'late' }], before.stamp);
      const after = await store.read([heat, heatCast, alien]);
      expect(after.values).toEqual([undefined, undefined, undefined]);
      await store.write([{ ...alien, value: 'again' }], after.stamp);
      expect((await store.read([alien])).values).toEqual(['again']);
    });
  });
}

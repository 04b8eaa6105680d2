import { serve } from '@marquee/server-kit/serve';
import { services } from '../services.ts';

/** Everything in one process: the five subgraphs on their ports and the router in front. */
export async function startCommand(): Promise<void> {
  await serve(services, {
    command: 'marquee start',
    owner: true,
    async prepare(stores, env, logger) {
      if (!env.MARQUEE_SEED_DEMO) return;
      const { seedIfEmpty } = await import('../runtime/seed.ts');
      const seeded = await seedIfEmpty(stores);
      if (seeded !== undefined) logger.info(seeded, 'seeded the demo catalogue');
    },
  });
}

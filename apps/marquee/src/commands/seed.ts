import { loadEnv } from '@marquee/env';
import { seedDemoCatalogue } from '../runtime/seed.ts';
import { openStores } from '@marquee/server-kit/stores';

/** Writes (or refreshes) the demo catalogue in whichever stores the environment points at. */
export async function seedCommand(): Promise<void> {
  const env = loadEnv();
  const stores = await openStores(env, { command: 'marquee seed', migrate: true });
  try {
    const summary = await seedDemoCatalogue(stores);
    console.log(
      `Seeded ${summary.movies} movies, ${summary.people} people, ${summary.credits} credits, ${summary.users} users, ${summary.ratings} ratings.`,
    );
  } finally {
    await stores.close();
  }
}

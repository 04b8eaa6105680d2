import { openDatabase } from '@marquee/db';
import { createTestDatabase } from '@marquee/testing';
import { describeTitleSearch } from './searchSuite.ts';

const openPostgres = async () => {
  const database = await createTestDatabase();
  const db = await openDatabase(
    { kind: 'postgres', url: database.url, poolSize: 2 },
    { migrate: true },
  );
  return {
    db,
    dispose: async () => {
      await db.close();
      await database.dispose();
    },
  };
};

describeTitleSearch(openPostgres);
describeTitleSearch(openPostgres, { analyze: true });

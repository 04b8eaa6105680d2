import { defineConfig } from 'prisma/config';

// The connection URL is only needed by `prisma migrate deploy` (Docker images); generation is offline.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'postgresql://localhost:5432/marquee' },
});

-- Bulk initial loads (`marquee ingest` into empty tables) drop the target tables' secondary
-- indexes and constraints, load, then recreate them. Their definitions are recorded here first,
-- so a load that dies midway is finished by the next `marquee ingest` or `marquee migrate`.

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "ingest";

-- CreateTable
CREATE TABLE "ingest"."deferred_definition" (
    "id" SERIAL NOT NULL,
    "table_name" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "deferred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deferred_definition_pkey" PRIMARY KEY ("id")
);

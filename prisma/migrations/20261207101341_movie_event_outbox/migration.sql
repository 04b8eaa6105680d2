-- Catalogue events (`catalog.moviesAdded`, written by ingestion once a load committed) waiting to
-- be relayed to the event stream, deleted once appended there. Same shape as
-- reviews.event_outbox; drained by the movies subgraph's relay.

-- CreateTable
CREATE TABLE "movies"."event_outbox" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_outbox_pkey" PRIMARY KEY ("seq")
);

-- Rating events waiting to be relayed to the event stream (Redis streams in services mode),
-- deleted once appended there. Written by the reviews subgraph, drained by its relay.

-- CreateTable
CREATE TABLE "reviews"."event_outbox" (
    "seq" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_outbox_pkey" PRIMARY KEY ("seq")
);

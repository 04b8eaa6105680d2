-- Ratings per film and UTC day as the people subgraph hears them on the `rating.changed` stream
-- (docs/analytics.md): what `risingPeople` sums over a window, joined with the credits.
CREATE TABLE "people"."movie_rating_day" (
    "movie_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "ratings" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "movie_rating_day_pkey" PRIMARY KEY ("movie_id","day")
);
CREATE INDEX "movie_rating_day_day_idx" ON "people"."movie_rating_day"("day");

-- Rating events already counted, so a redelivered event counts once (written in the same
-- transaction as the count); kept for a week, far longer than any redelivery takes.
CREATE TABLE "people"."rating_event_seen" (
    "event_id" UUID NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rating_event_seen_pkey" PRIMARY KEY ("event_id")
);
CREATE INDEX "rating_event_seen_seen_at_idx" ON "people"."rating_event_seen"("seen_at");

-- MovieLens tags.csv: users' free-text tags on films, one row per user, film and tag (the source
-- timestamp is created_at). Written by `marquee ingest movielens`.

-- CreateTable
CREATE TABLE "reviews"."tag" (
    "user_id" TEXT NOT NULL,
    "movie_id" TEXT NOT NULL,
    "tag" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("user_id","movie_id","tag")
);

-- CreateIndex
CREATE INDEX "tag_movie_id_idx" ON "reviews"."tag"("movie_id");

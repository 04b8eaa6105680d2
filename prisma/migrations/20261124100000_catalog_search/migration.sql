-- Catalogue search: trigram (typo-tolerant) and full-text indexes on titles and names, outside
-- ratings that movies owns for RATING ordering, and people's known-for titles.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "movies"."movie" ADD COLUMN "average_rating" REAL,
ADD COLUMN "rating_count" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "people"."person" ADD COLUMN "known_for" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "movie_title_idx" ON "movies"."movie"("title");

-- CreateIndex
CREATE INDEX "person_name_idx" ON "people"."person"("name");

-- `orderBy: { field: RATING | YEAR, direction: DESC }` lists unknown values last; these match
-- that order so a page is an index scan, not a sort of the catalogue.
CREATE INDEX "movie_average_rating_desc_idx" ON "movies"."movie" ("average_rating" DESC NULLS LAST);
CREATE INDEX "movie_year_desc_idx" ON "movies"."movie" ("year" DESC NULLS LAST);

-- Typo-tolerant title search: `lower(title) %> $q` / word_similarity (pg_trgm).
CREATE INDEX "movie_title_trgm_idx" ON "movies"."movie" USING GIN (lower("title") gin_trgm_ops);

-- Full-text title search (all words, any order). The `simple` configuration: titles come in
-- many languages, so no language's stemming or stop words apply.
CREATE INDEX "movie_title_fts_idx" ON "movies"."movie"
  USING GIN (to_tsvector('simple'::regconfig, "title" || ' ' || coalesce("original_title", '')));

-- Genre filter (`genres @> $genres`).
CREATE INDEX "movie_genres_idx" ON "movies"."movie" USING GIN ("genres");

-- Typo-tolerant name search for people.
CREATE INDEX "person_name_trgm_idx" ON "people"."person" USING GIN (lower("name") gin_trgm_ops);

-- Title search folds accents: "miserables" finds "Les Misérables", "amelie" finds "Amélie".
--
-- `unaccent()` is only STABLE (its dictionary could be changed or found through another
-- search_path), so it cannot appear in an index expression. `movies.search_text` wraps it with the
-- dictionary named by schema, which makes the result depend on its argument alone, and is declared
-- IMMUTABLE so indexes can use it. The search query calls the same function, so the planner matches
-- it to the indexes below. PL/pgSQL rather than SQL: a SQL function whose body is not immutable is
-- not inlined, and calling it through the SQL-function executor costs about 10 µs a row, which the
-- index rechecks of a common word pay thousands of times; PL/pgSQL evaluates the one expression on
-- its fast path.

CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;

CREATE FUNCTION movies.search_text(text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ BEGIN RETURN lower(public.unaccent('public.unaccent'::regdictionary, $1)); END $$;

-- The folded title and the full-text vector of title and original title, stored with the row.
-- Search reads them many times per query (index rechecks, ranking, and, for a common word, a walk
-- through titles by popularity that tests each one); computing them per read costs more than the
-- rest of the query.
ALTER TABLE "movies"."movie"
  ADD COLUMN "search_title" TEXT GENERATED ALWAYS AS (movies.search_text("title")) STORED,
  ADD COLUMN "search_words" TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, movies.search_text("title" || ' ' || coalesce("original_title", '')))) STORED;

-- Typo-tolerant title search: `search_title %> $q` / word_similarity (pg_trgm).
DROP INDEX "movies"."movie_title_trgm_idx";
CREATE INDEX "movie_title_trgm_idx" ON "movies"."movie" USING GIN ("search_title" gin_trgm_ops);

-- Full-text title search (all words, any order, one swapped pair of letters, the last word as a prefix).
DROP INDEX "movies"."movie_title_fts_idx";
CREATE INDEX "movie_title_fts_idx" ON "movies"."movie" USING GIN ("search_words");

-- Search tests the most popular titles first (movieStore.ts, POPULAR_HEAD): this index holds what
-- that test reads, in popularity order, so it is an index-only scan instead of a thousand reads of
-- rows spread over the whole table.
CREATE INDEX "movie_popularity_search_idx" ON "movies"."movie" ("popularity" DESC) INCLUDE ("id", "search_title", "search_words");

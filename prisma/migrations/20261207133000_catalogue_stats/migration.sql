-- Catalogue statistics for operators (docs/analytics.md): titles per kind and source, kept by a
-- statement-level trigger on movies.movie (every writer: seed, upserts, bulk COPY), and the
-- record of each `marquee ingest` run.

-- `source` is `imdb`, `movielens` or `tmdb` for a title holding that id (a title may count under
-- several), `none` for one holding none, and `all` for every title of the kind.
CREATE TABLE "movies"."title_count" (
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "titles" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "title_count_pkey" PRIMARY KEY ("kind","source")
);

CREATE TABLE "movies"."ingestion_run" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "summary" JSONB NOT NULL,
    CONSTRAINT "ingestion_run_pkey" PRIMARY KEY ("id")
);

-- Transition tables are visible only inside the trigger function, so it loops over `old_rows`
-- (sign -1) and `new_rows` (sign 1). Updates that leave kind and ids alone (ratings, popularity:
-- a million rows per IMDb ratings file) count nothing.
CREATE FUNCTION "movies"."title_count_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  source TEXT;
  sign INTEGER;
  changed TEXT;
BEGIN
  FOR source, sign IN
    SELECT v.source, v.sign FROM (VALUES ('old_rows', -1), ('new_rows', 1)) AS v(source, sign)
    WHERE (v.sign = -1 AND TG_OP IN ('DELETE', 'UPDATE')) OR (v.sign = 1 AND TG_OP IN ('INSERT', 'UPDATE'))
  LOOP
    IF TG_OP = 'UPDATE' THEN
      changed := format($q$
        SELECT x.kind, x.imdb_id, x.movielens_id, x.tmdb_id FROM %I x JOIN (
          SELECT o.id FROM old_rows o JOIN new_rows n USING (id)
          WHERE o.kind IS DISTINCT FROM n.kind OR (o.imdb_id IS NULL) <> (n.imdb_id IS NULL)
             OR (o.movielens_id IS NULL) <> (n.movielens_id IS NULL) OR (o.tmdb_id IS NULL) <> (n.tmdb_id IS NULL)
        ) ch USING (id)
      $q$, source);
    ELSE
      changed := format('SELECT kind, imdb_id, movielens_id, tmdb_id FROM %I', source);
    END IF;
    EXECUTE format($q$
      INSERT INTO movies.title_count AS t (kind, source, titles)
      SELECT c.kind, s, %1$s * count(*)
      FROM (%2$s) c CROSS JOIN LATERAL unnest(ARRAY[
        'all',
        CASE WHEN c.imdb_id IS NOT NULL THEN 'imdb' END,
        CASE WHEN c.movielens_id IS NOT NULL THEN 'movielens' END,
        CASE WHEN c.tmdb_id IS NOT NULL THEN 'tmdb' END,
        CASE WHEN c.imdb_id IS NULL AND c.movielens_id IS NULL AND c.tmdb_id IS NULL THEN 'none' END
      ]) AS s
      WHERE s IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (kind, source) DO UPDATE SET titles = t.titles + EXCLUDED.titles
    $q$, sign, changed);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "movie_title_count_insert" AFTER INSERT ON "movies"."movie"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "movies"."title_count_changed"();
CREATE TRIGGER "movie_title_count_update" AFTER UPDATE ON "movies"."movie"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "movies"."title_count_changed"();
CREATE TRIGGER "movie_title_count_delete" AFTER DELETE ON "movies"."movie"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "movies"."title_count_changed"();

-- What a deployment already holds.
INSERT INTO movies.title_count (kind, source, titles)
SELECT kind, s, count(*) FROM movies.movie CROSS JOIN LATERAL unnest(ARRAY[
  'all',
  CASE WHEN imdb_id IS NOT NULL THEN 'imdb' END,
  CASE WHEN movielens_id IS NOT NULL THEN 'movielens' END,
  CASE WHEN tmdb_id IS NOT NULL THEN 'tmdb' END,
  CASE WHEN imdb_id IS NULL AND movielens_id IS NULL AND tmdb_id IS NULL THEN 'none' END
]) AS s
WHERE s IS NOT NULL GROUP BY 1, 2;

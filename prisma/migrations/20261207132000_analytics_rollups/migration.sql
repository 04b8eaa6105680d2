-- Analytics rollups in the recommendations schema, which already holds the event-fed copy of
-- every rating (`interaction`) beside the catalogue's genres and years (`item_feature`); see
-- docs/analytics.md. Statement-level triggers keep them exact whatever writes the two tables
-- (rating events, account deletions, ingestion's upserts and COPYs), one aggregated write per
-- statement rather than one per row. Buckets are UTC.

-- Films per genre and release year.
CREATE TABLE "recommendations"."genre_title_year" (
    "genre" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "titles" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "genre_title_year_pkey" PRIMARY KEY ("genre","year")
);

-- Ratings per genre and month of the rating.
CREATE TABLE "recommendations"."genre_rating_month" (
    "genre" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "ratings" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    CONSTRAINT "genre_rating_month_pkey" PRIMARY KEY ("genre","month")
);
CREATE INDEX "genre_rating_month_month_idx" ON "recommendations"."genre_rating_month"("month");

-- Ratings per film and day of the rating.
CREATE TABLE "recommendations"."movie_rating_day" (
    "movie_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "ratings" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    CONSTRAINT "movie_rating_day_pkey" PRIMARY KEY ("movie_id","day")
);
CREATE INDEX "movie_rating_day_day_idx" ON "recommendations"."movie_rating_day"("day");

-- Ratings per film, all time (the community's average on a film).
CREATE TABLE "recommendations"."movie_rating_total" (
    "movie_id" TEXT NOT NULL,
    "ratings" INTEGER NOT NULL DEFAULT 0,
    "rating_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    CONSTRAINT "movie_rating_total_pkey" PRIMARY KEY ("movie_id")
);

-- Transition tables are visible only inside the trigger function itself (not in functions it
-- calls), so each trigger function runs its statements over `old_rows` (sign -1) and `new_rows`
-- (sign 1) in a loop. Keys are sorted so that concurrent statements lock rollup rows in the same
-- order.
CREATE FUNCTION "recommendations"."analytics_interaction_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  source TEXT;
  sign INTEGER;
BEGIN
  FOR source, sign IN
    SELECT v.source, v.sign FROM (VALUES ('old_rows', -1), ('new_rows', 1)) AS v(source, sign)
    WHERE (v.sign = -1 AND TG_OP IN ('DELETE', 'UPDATE')) OR (v.sign = 1 AND TG_OP IN ('INSERT', 'UPDATE'))
  LOOP
    EXECUTE format($q$
      INSERT INTO recommendations.movie_rating_day AS d (movie_id, day, ratings, rating_sum)
      SELECT movie_id, (at AT TIME ZONE 'UTC')::date, %1$s * count(*), %1$s * sum(rating)
      FROM %2$I GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (movie_id, day) DO UPDATE
        SET ratings = d.ratings + EXCLUDED.ratings, rating_sum = d.rating_sum + EXCLUDED.rating_sum
    $q$, sign, source);
    EXECUTE format($q$
      INSERT INTO recommendations.movie_rating_total AS t (movie_id, ratings, rating_sum)
      SELECT movie_id, %1$s * count(*), %1$s * sum(rating)
      FROM %2$I GROUP BY 1 ORDER BY 1
      ON CONFLICT (movie_id) DO UPDATE
        SET ratings = t.ratings + EXCLUDED.ratings, rating_sum = t.rating_sum + EXCLUDED.rating_sum
    $q$, sign, source);
    EXECUTE format($q$
      INSERT INTO recommendations.genre_rating_month AS g (genre, month, ratings, rating_sum)
      SELECT genre, date_trunc('month', r.at AT TIME ZONE 'UTC')::date, %1$s * count(*), %1$s * sum(r.rating)
      FROM %2$I r
      JOIN recommendations.item_feature f ON f.movie_id = r.movie_id
      CROSS JOIN LATERAL unnest(f.genres) AS genre
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (genre, month) DO UPDATE
        SET ratings = g.ratings + EXCLUDED.ratings, rating_sum = g.rating_sum + EXCLUDED.rating_sum
    $q$, sign, source);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "interaction_analytics_insert" AFTER INSERT ON "recommendations"."interaction"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_interaction_changed"();
CREATE TRIGGER "interaction_analytics_update" AFTER UPDATE ON "recommendations"."interaction"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_interaction_changed"();
CREATE TRIGGER "interaction_analytics_delete" AFTER DELETE ON "recommendations"."interaction"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_interaction_changed"();

-- A film's genres or year written, changed or removed: its titles move between
-- genre_title_year rows and its ratings (from movie_rating_day) between genre_rating_month rows.
-- Updates that leave genres and year alone (popularity, keywords) change nothing here.
CREATE FUNCTION "recommendations"."analytics_item_feature_changed"() RETURNS trigger
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
        SELECT x.movie_id, x.genres, x.year FROM %I x JOIN (
          SELECT o.movie_id FROM old_rows o JOIN new_rows n USING (movie_id)
          WHERE o.genres IS DISTINCT FROM n.genres OR o.year IS DISTINCT FROM n.year
        ) ch USING (movie_id)
      $q$, source);
    ELSE
      changed := format('SELECT movie_id, genres, year FROM %I', source);
    END IF;
    EXECUTE format($q$
      INSERT INTO recommendations.genre_title_year AS t (genre, year, titles)
      SELECT genre, c.year, %1$s * count(*)
      FROM (%2$s) c CROSS JOIN LATERAL unnest(c.genres) AS genre
      WHERE c.year IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (genre, year) DO UPDATE SET titles = t.titles + EXCLUDED.titles
    $q$, sign, changed);
    EXECUTE format($q$
      INSERT INTO recommendations.genre_rating_month AS g (genre, month, ratings, rating_sum)
      SELECT genre, date_trunc('month', d.day::timestamp)::date, %1$s * sum(d.ratings), %1$s * sum(d.rating_sum)
      FROM (%2$s) c
      JOIN recommendations.movie_rating_day d ON d.movie_id = c.movie_id
      CROSS JOIN LATERAL unnest(c.genres) AS genre
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (genre, month) DO UPDATE
        SET ratings = g.ratings + EXCLUDED.ratings, rating_sum = g.rating_sum + EXCLUDED.rating_sum
    $q$, sign, changed);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER "item_feature_analytics_insert" AFTER INSERT ON "recommendations"."item_feature"
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_item_feature_changed"();
CREATE TRIGGER "item_feature_analytics_update" AFTER UPDATE ON "recommendations"."item_feature"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_item_feature_changed"();
CREATE TRIGGER "item_feature_analytics_delete" AFTER DELETE ON "recommendations"."item_feature"
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "recommendations"."analytics_item_feature_changed"();

-- Recomputes every rollup from the two tables (a repair, and the plain computation the tests
-- compare the maintained rollups with).
CREATE FUNCTION "recommendations"."analytics_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM recommendations.genre_title_year;
  DELETE FROM recommendations.genre_rating_month;
  DELETE FROM recommendations.movie_rating_day;
  DELETE FROM recommendations.movie_rating_total;
  INSERT INTO recommendations.genre_title_year (genre, year, titles)
    SELECT genre, year, count(*) FROM recommendations.item_feature CROSS JOIN LATERAL unnest(genres) AS genre
    WHERE year IS NOT NULL GROUP BY 1, 2;
  INSERT INTO recommendations.movie_rating_day (movie_id, day, ratings, rating_sum)
    SELECT movie_id, (at AT TIME ZONE 'UTC')::date, count(*), sum(rating) FROM recommendations.interaction GROUP BY 1, 2;
  INSERT INTO recommendations.movie_rating_total (movie_id, ratings, rating_sum)
    SELECT movie_id, count(*), sum(rating) FROM recommendations.interaction GROUP BY 1;
  INSERT INTO recommendations.genre_rating_month (genre, month, ratings, rating_sum)
    SELECT genre, date_trunc('month', i.at AT TIME ZONE 'UTC')::date, count(*), sum(i.rating)
    FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
    CROSS JOIN LATERAL unnest(f.genres) AS genre GROUP BY 1, 2;
$$;

-- What a deployment already holds.
SELECT recommendations.analytics_rebuild();

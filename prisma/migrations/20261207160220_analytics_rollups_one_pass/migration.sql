-- The analytics triggers in one pass over each statement's rows (docs/analytics.md).
--
-- The triggers of 20261207132000_analytics_rollups already fired once per statement, but a bulk
-- ratings load still paid about one extra row write per rating: `movie_rating_day` (film, day)
-- holds nearly a row per rating (ml-latest-small: 99,538 film-days for 100,836 ratings), with
-- two indexes, and nothing reads it except the genre move below. Each statement also scanned its
-- rows three times (three statements), hashed the whole of `item_feature` to find genres, and
-- INSERT ... ON CONFLICT ran the UPDATE trigger's six statements over empty tables.
--
-- Now a statement's ratings are aggregated once per film and month, and that one delta feeds
-- `movie_rating_total` and `genre_rating_month` in a single statement; genres are looked up by
-- key per film. A film whose genres change moves its ratings between `genre_rating_month` rows
-- from `interaction` itself (its `movie_id` index): that costs the film's ratings, and genre
-- changes are rare next to ratings. `movie_rating_day` goes.

CREATE OR REPLACE FUNCTION "recommendations"."analytics_interaction_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT;
BEGIN
  -- Transition tables are visible only inside the trigger function itself, and `old_rows` does
  -- not exist for an INSERT: the statement is built for the operation.
  IF TG_OP = 'INSERT' THEN
    changed := 'SELECT movie_id, at, rating, 1 AS sign FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    changed := 'SELECT movie_id, at, rating, -1 AS sign FROM old_rows';
  ELSE
    -- INSERT ... ON CONFLICT DO UPDATE fires this trigger even when no row conflicted.
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
      RETURN NULL;
    END IF;
    changed := 'SELECT movie_id, at, rating, -1 AS sign FROM old_rows
                UNION ALL SELECT movie_id, at, rating, 1 FROM new_rows';
  END IF;
  -- Keys are upserted in sorted order, so concurrent statements lock rollup rows in one order.
  EXECUTE format($q$
    WITH delta AS MATERIALIZED (
      SELECT movie_id, date_trunc('month', at AT TIME ZONE 'UTC')::date AS month,
             sum(sign)::int AS ratings, sum(sign * rating::float8) AS rating_sum
      FROM (%s) c
      GROUP BY 1, 2
      HAVING sum(sign) <> 0 OR sum(sign * rating::float8) <> 0
    ), totals AS (
      INSERT INTO recommendations.movie_rating_total AS t (movie_id, ratings, rating_sum)
      SELECT movie_id, sum(ratings), sum(rating_sum) FROM delta GROUP BY 1 ORDER BY 1
      ON CONFLICT (movie_id) DO UPDATE
        SET ratings = t.ratings + EXCLUDED.ratings, rating_sum = t.rating_sum + EXCLUDED.rating_sum
    )
    INSERT INTO recommendations.genre_rating_month AS g (genre, month, ratings, rating_sum)
    SELECT genre, d.month, sum(d.ratings), sum(d.rating_sum)
    FROM delta d
    -- One lookup by key per film (LIMIT keeps the join from hashing the whole catalogue for a
    -- statement of a few ratings).
    CROSS JOIN LATERAL (
      SELECT f.genres FROM recommendations.item_feature f WHERE f.movie_id = d.movie_id LIMIT 1
    ) f
    CROSS JOIN LATERAL unnest(f.genres) AS genre
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (genre, month) DO UPDATE
      SET ratings = g.ratings + EXCLUDED.ratings, rating_sum = g.rating_sum + EXCLUDED.rating_sum
  $q$, changed);
  RETURN NULL;
END $$;

-- A film's genres or year written, changed or removed: it moves between genre_title_year rows
-- and its ratings (read from interaction by film) between genre_rating_month rows. Updates that
-- leave genres and year alone (popularity, keywords) change nothing here.
CREATE OR REPLACE FUNCTION "recommendations"."analytics_item_feature_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := 'SELECT movie_id, genres, year, 1 AS sign FROM new_rows';
  ELSIF TG_OP = 'DELETE' THEN
    changed := 'SELECT movie_id, genres, year, -1 AS sign FROM old_rows';
  ELSE
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
      RETURN NULL;
    END IF;
    changed := 'SELECT x.movie_id, x.genres, x.year, x.sign FROM old_rows o JOIN new_rows n USING (movie_id)
                CROSS JOIN LATERAL (VALUES (o.movie_id, o.genres, o.year, -1), (n.movie_id, n.genres, n.year, 1))
                  AS x(movie_id, genres, year, sign)
                WHERE o.genres IS DISTINCT FROM n.genres OR o.year IS DISTINCT FROM n.year';
  END IF;
  EXECUTE format($q$
    WITH changed AS MATERIALIZED (%s),
    titles AS (
      INSERT INTO recommendations.genre_title_year AS t (genre, year, titles)
      SELECT genre, c.year, sum(c.sign)
      FROM changed c CROSS JOIN LATERAL unnest(c.genres) AS genre
      WHERE c.year IS NOT NULL
      GROUP BY 1, 2 HAVING sum(c.sign) <> 0 ORDER BY 1, 2
      ON CONFLICT (genre, year) DO UPDATE SET titles = t.titles + EXCLUDED.titles
    )
    INSERT INTO recommendations.genre_rating_month AS g (genre, month, ratings, rating_sum)
    SELECT genre, r.month, sum(c.sign * r.ratings), sum(c.sign * r.rating_sum)
    FROM changed c
    CROSS JOIN LATERAL (
      SELECT date_trunc('month', i.at AT TIME ZONE 'UTC')::date AS month, count(*) AS ratings,
             sum(i.rating::float8) AS rating_sum
      FROM recommendations.interaction i WHERE i.movie_id = c.movie_id GROUP BY 1
    ) r
    CROSS JOIN LATERAL unnest(c.genres) AS genre
    GROUP BY 1, 2
    HAVING sum(c.sign * r.ratings) <> 0 OR sum(c.sign * r.rating_sum) <> 0
    ORDER BY 1, 2
    ON CONFLICT (genre, month) DO UPDATE
      SET ratings = g.ratings + EXCLUDED.ratings, rating_sum = g.rating_sum + EXCLUDED.rating_sum
  $q$, changed);
  RETURN NULL;
END $$;

-- Recomputes every rollup from the two tables (a repair, and the plain computation the tests
-- compare the maintained rollups with).
CREATE OR REPLACE FUNCTION "recommendations"."analytics_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM recommendations.genre_title_year;
  DELETE FROM recommendations.genre_rating_month;
  DELETE FROM recommendations.movie_rating_total;
  INSERT INTO recommendations.genre_title_year (genre, year, titles)
    SELECT genre, year, count(*) FROM recommendations.item_feature CROSS JOIN LATERAL unnest(genres) AS genre
    WHERE year IS NOT NULL GROUP BY 1, 2;
  INSERT INTO recommendations.movie_rating_total (movie_id, ratings, rating_sum)
    SELECT movie_id, count(*), sum(rating::float8) FROM recommendations.interaction GROUP BY 1;
  INSERT INTO recommendations.genre_rating_month (genre, month, ratings, rating_sum)
    SELECT genre, date_trunc('month', i.at AT TIME ZONE 'UTC')::date, count(*), sum(i.rating::float8)
    FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
    CROSS JOIN LATERAL unnest(f.genres) AS genre GROUP BY 1, 2;
$$;

DROP TABLE "recommendations"."movie_rating_day";

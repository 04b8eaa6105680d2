-- What the statement-level rollup triggers on movies.movie and recommendations.item_feature
-- maintain, recomputed once from the tables. A bulk initial load (docs/ingestion.md, "Bulk
-- initial load") disables those triggers with the indexes it drops — fired once per COPY batch
-- they were about a sixth of the server's work in a million-title load, where pg_restore, which
-- creates triggers after the data, runs none — and calls these in the transaction that enables
-- them again. Each produces the rows the trigger would have left after inserting every row of
-- its table into an empty rollup (rows a trigger brought down to zero are not recreated; the
-- readers skip zero rows).

-- movies.title_count_changed: titles per kind and source (20261207133000_catalogue_stats).
CREATE FUNCTION "movies"."title_count_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM movies.title_count;
  INSERT INTO movies.title_count (kind, source, titles)
  SELECT kind, s, count(*) FROM movies.movie CROSS JOIN LATERAL unnest(ARRAY[
    'all',
    CASE WHEN imdb_id IS NOT NULL THEN 'imdb' END,
    CASE WHEN movielens_id IS NOT NULL THEN 'movielens' END,
    CASE WHEN tmdb_id IS NOT NULL THEN 'tmdb' END,
    CASE WHEN imdb_id IS NULL AND movielens_id IS NULL AND tmdb_id IS NULL THEN 'none' END
  ]) AS s
  WHERE s IS NOT NULL GROUP BY 1, 2;
$$;

-- recommendations.analytics_item_feature_changed: films per genre and year, and the ratings per
-- genre and month (a film's genres decide where its ratings count;
-- 20261207160220_analytics_rollups_one_pass). movie_rating_total does not depend on item_feature.
CREATE FUNCTION "recommendations"."analytics_item_feature_rebuild"() RETURNS void LANGUAGE sql AS $$
  DELETE FROM recommendations.genre_title_year;
  DELETE FROM recommendations.genre_rating_month;
  INSERT INTO recommendations.genre_title_year (genre, year, titles)
    SELECT genre, year, count(*) FROM recommendations.item_feature CROSS JOIN LATERAL unnest(genres) AS genre
    WHERE year IS NOT NULL GROUP BY 1, 2;
  INSERT INTO recommendations.genre_rating_month (genre, month, ratings, rating_sum)
    SELECT genre, date_trunc('month', i.at AT TIME ZONE 'UTC')::date, count(*), sum(i.rating::float8)
    FROM recommendations.interaction i JOIN recommendations.item_feature f USING (movie_id)
    CROSS JOIN LATERAL unnest(f.genres) AS genre GROUP BY 1, 2;
$$;

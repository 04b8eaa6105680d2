import { relayOutbox, type Database, type OutboxSink } from '@marquee/db';
import type { DocumentStore } from '@marquee/documents';
import type { Logger } from '@marquee/logger';
import { defineSubgraph, type SubgraphHealthOptions } from '@marquee/server-kit';
import { observeStoredFigures } from '@marquee/telemetry';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';
import { MOVIES_OUTBOX } from './stores/eventOutbox.ts';
import { movieDocuments } from './stores/movieDocumentStore.ts';
import { createMovieStore } from './stores/movieStore.ts';
import { createCatalogueStatsStore } from './stores/catalogueStatsStore.ts';
import { typeDefs } from './typeDefs.ts';

export interface MoviesDependencies {
  db: Database;
  documents: DocumentStore;
  logger: Logger;
  identitySecret: string;
  /** Checks the process adds to /health (Redis in services mode) and their interval. */
  health?: SubgraphHealthOptions;
  /**
   * The durable event stream (Redis streams in services mode) that the catalogue's outbox
   * (`catalog.moviesAdded`, written by ingestion) is relayed to. Omitted (tests that build the
   * subgraph alone), events wait in the outbox.
   */
  events?: OutboxSink;
}

/** Builds the movies subgraph; it never listens, so tests run it in-process (src/index.ts serves it). */
export function createMoviesSubgraph(deps: MoviesDependencies) {
  const catalogueStats = createCatalogueStatsStore(deps.db.sql);
  return defineSubgraph({
    name: 'movies',
    typeDefs,
    resolvers,
    stores: {
      movies: createMovieStore(deps.db),
      documents: movieDocuments(deps.documents),
      catalogueStats,
    },
    services: {},
    createLoaders,
    identitySecret: deps.identitySecret,
    logger: deps.logger,
    checks: {
      postgresql: {
        run: () => deps.db.sql.query('SELECT 1').then(() => undefined),
        required: true,
      },
      // Titles, people and search come from PostgreSQL: without documents only overviews and keywords fail.
      documents: { run: () => deps.documents.ping(), required: false },
    },
    health: deps.health,
    start() {
      // `marquee ingest` records its runs here and exits: this service exports their rows.
      const unobserve = observeStoredFigures('ingestRows', 'movies', async () =>
        (await catalogueStats.ingestedRows()).flatMap((row) => [
          { labels: { source: row.source, outcome: 'loaded' }, value: row.loaded },
          { labels: { source: row.source, outcome: 'rejected' }, value: row.rejected },
        ]),
      );
      const { events } = deps;
      const relay =
        events === undefined
          ? undefined
          : relayOutbox({
              sql: deps.db.sql,
              table: MOVIES_OUTBOX,
              stream: events,
              logger: deps.logger,
            });
      return Promise.resolve(async () => {
        unobserve();
        await relay?.stop();
      });
    },
  });
}

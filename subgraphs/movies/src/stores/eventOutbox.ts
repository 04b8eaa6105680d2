/** Where ingestion leaves its announcements for this subgraph's relay. */
export const MOVIES_OUTBOX = 'movies.event_outbox';

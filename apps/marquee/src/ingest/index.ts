export { IngestError, importStores, type IngestOptions } from './context.ts';
export { ingestImdb } from './imdb.ts';
export { ingestMovielens } from './movielens.ts';
export { barProgress, logProgress, silentProgress, type Progress } from './progress.ts';
export { formatSummary, type FileSummary, type IngestSummary } from './summary.ts';
export { bulkModes, type BulkMode } from './imdbBulk.ts';

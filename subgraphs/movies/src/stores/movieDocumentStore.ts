import type { DocumentStore } from '@marquee/documents';

/** The unstructured part of a movie, kept in the document store (MongoDB in services mode). */
export interface MovieDocument {
  _id: string;
  overview?: string;
  tagline?: string;
  /** Curated keywords (the demo catalogue, an editor). */
  keywords?: string[];
  /** The film's most used MovieLens tags, written by `marquee ingest movielens` from tags.csv. */
  movielensTags?: string[];
  posterUrl?: string;
  /** Where the document's fields came from, e.g. `demo-catalogue@1`. */
  source?: string;
  [field: string]: unknown;
}

export const movieDocuments = (documents: DocumentStore) =>
  documents.collection<MovieDocument>('movies');

/** A film's keywords: the curated ones first, then its MovieLens tags, each once. */
export function keywordsOf(
  doc: Pick<MovieDocument, 'keywords' | 'movielensTags'> | null | undefined,
): string[] {
  return [...new Set([...(doc?.keywords ?? []), ...(doc?.movielensTags ?? [])])];
}

import type { DocumentStore } from '@marquee/documents';

/** The unstructured part of a movie, kept in the document store (MongoDB in services mode). */
export interface MovieDocument {
  _id: string;
  overview?: string;
  tagline?: string;
  keywords?: string[];
  posterUrl?: string;
  /** Where the document's fields came from, e.g. `demo-catalogue@1`. */
  source?: string;
  [field: string]: unknown;
}

export const movieDocuments = (documents: DocumentStore) => documents.collection<MovieDocument>('movies');

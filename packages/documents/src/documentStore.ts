/**
 * Unstructured documents (movie and person overviews, images, awards, raw source payloads) kept
 * beside the relational catalogue. Documents are JSON: every store returns what `JSON.stringify`
 * would keep (a `Date` comes back as its ISO string, `undefined` fields disappear), so the MongoDB,
 * SQL and in-memory stores are interchangeable. NUL characters are refused everywhere, since
 * PostgreSQL's `jsonb` cannot hold them.
 *
 * Bad input (an id that is not a non-empty string, a bad collection name) throws a `TypeError`;
 * a storage failure rejects with a `DocumentStoreError`.
 */
export interface Document {
  _id: string;
  [field: string]: unknown;
}

export interface DocumentCollection<T extends Document> {
  get(id: string): Promise<T | null>;
  /** One round trip; the result has the same length and order as `ids`, `null` where missing. */
  getMany(ids: readonly string[]): Promise<(T | null)[]>;
  /** Inserts `doc`, or replaces the whole stored document with that `_id`. */
  put(doc: T): Promise<void>;
  /** `put` for many documents, one round trip per batch of 500; if an `_id` repeats, the last
   * one wins. Batches are not one transaction (FerretDB has none): after a failure, earlier
   * batches stay written, and running the same call again is safe. */
  putMany(docs: readonly T[]): Promise<void>;
  /** Sets these top-level fields and keeps the others; creates the document if it is missing. */
  merge(id: string, fields: Partial<Omit<T, '_id'>>): Promise<void>;
  /** `merge` for many documents, one round trip per batch of 500; merges of a repeated `_id`
   * apply in order, as separate `merge` calls would. Batches are not one transaction, and running
   * the same call again is safe. */
  mergeMany(entries: readonly MergeEntry<T>[]): Promise<void>;
  /** Whether a document was deleted. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface MergeEntry<T extends Document> {
  id: string;
  fields: Partial<Omit<T, '_id'>>;
}

export interface DocumentStore {
  collection<T extends Document>(name: string): DocumentCollection<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A storage failure, with the driver's message stripped of anything that looks like a connection
 * string. `code` is the driver's (a MongoDB error code or a PostgreSQL SQLSTATE) when it gave one.
 */
export class DocumentStoreError extends Error {
  override name = 'DocumentStoreError';
  readonly operation: string;
  readonly collection: string | undefined;
  readonly code: string | number | undefined;

  constructor(
    operation: string,
    collection: string | undefined,
    message: string,
    code?: string | number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.operation = operation;
    this.collection = collection;
    this.code = code;
  }
}

const urlPattern = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
const userInfoPattern = /\b[^\s:/@]+:[^\s/@]+@/g;

export function redact(message: string): string {
  return message.replace(urlPattern, '[url]').replace(userInfoPattern, '[credentials]@');
}

export function translateError(
  operation: string,
  collection: string | undefined,
  error: unknown,
): DocumentStoreError {
  if (error instanceof DocumentStoreError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const where = collection === undefined ? '' : ` on collection ${JSON.stringify(collection)}`;
  return new DocumentStoreError(
    operation,
    collection,
    `Document store ${operation}${where} failed: ${redact(raw)}`,
    typeof code === 'string' || typeof code === 'number' ? code : undefined,
    // Kept so callers can tell an unreachable server (MongoServerSelectionError, MongoNetworkError)
    // from a bad request; the message above is what is safe to show.
    { cause: error },
  );
}

export function closedError(): DocumentStoreError {
  return new DocumentStoreError('use', undefined, 'The document store is closed');
}

const collectionNamePattern = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !collectionNamePattern.test(name)) {
    throw new TypeError(
      `A collection name must be a letter followed by up to 63 letters, digits, '_' or '-' (got ${JSON.stringify(name)})`,
    );
  }
}

/** Ids are strings, always: an object such as `{ "$gt": "" }` from a request never reaches a
 * query, where MongoDB would read it as an operator. */
export function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      `A document id must be a non-empty string (got ${typeof id === 'string' ? '""' : typeof id})`,
    );
  }
}

export function assertIds(ids: readonly unknown[]): asserts ids is readonly string[] {
  if (!Array.isArray(ids)) throw new TypeError('ids must be an array of strings');
  for (const id of ids) assertId(id);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON form of a value, as every store keeps it. Strings are made well-formed (a lone UTF-16
 * surrogate becomes U+FFFD, as MongoDB's UTF-8 encoding does; PostgreSQL would reject it), and NUL
 * is refused because PostgreSQL's `jsonb` cannot hold it.
 */
export function toJson(value: unknown, what: string): unknown {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`${what}: not representable as JSON`);
  return wellFormed(JSON.parse(json) as unknown, what);
}

function wellFormed(value: unknown, what: string): unknown {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new TypeError(`${what}: NUL characters cannot be stored`);
    return value.toWellFormed();
  }
  if (Array.isArray(value)) return value.map((item) => wellFormed(item, what));
  if (isPlainObject(value)) {
    // fromEntries defines properties, so a "__proto__" key stays data instead of a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [wellFormed(key, what), wellFormed(item, what)]),
    );
  }
  return value;
}

/** Checks `doc` and returns its `_id` and the rest of its fields in JSON form. */
export function splitDocument(doc: unknown): { id: string; body: Record<string, unknown> } {
  if (!isPlainObject(doc)) throw new TypeError('A document must be an object');
  const { _id: id, ...fields } = doc;
  assertId(id);
  return { id, body: toJson(fields, `Document ${JSON.stringify(id)}`) as Record<string, unknown> };
}

/** Checks the fields of a `merge` and returns them in JSON form. */
export function mergeFields(id: string, fields: unknown): Record<string, unknown> {
  if (!isPlainObject(fields)) throw new TypeError('merge: fields must be an object');
  if (Object.hasOwn(fields, '_id')) throw new TypeError('merge: fields cannot change _id');
  return toJson(fields, `Document ${JSON.stringify(id)}`) as Record<string, unknown>;
}

/** Checks each entry of a `mergeMany` and folds repeated ids into one set of fields, in order. */
export function mergeEntries(entries: unknown): { id: string; fields: Record<string, unknown> }[] {
  if (!Array.isArray(entries)) throw new TypeError('mergeMany: entries must be an array');
  const byId = new Map<string, Record<string, unknown>>();
  for (const entry of entries as unknown[]) {
    if (!isPlainObject(entry)) throw new TypeError('mergeMany: each entry must be { id, fields }');
    const { id, fields } = entry;
    assertId(id);
    byId.set(id, { ...byId.get(id), ...mergeFields(id, fields) });
  }
  return [...byId].map(([id, fields]) => ({ id, fields }));
}

/** Keeps the last document for each id (a bulk upsert may not touch one row twice). */
export function lastPerId<T>(entries: readonly T[], idOf: (entry: T) => string): T[] {
  const byId = new Map<string, T>();
  for (const entry of entries) {
    const id = idOf(entry);
    byId.delete(id);
    byId.set(id, entry);
  }
  return [...byId.values()];
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

/** Documents per bulk statement: large enough to amortise round trips, small enough to stay far
 * below MongoDB's 48 MB message limit with typical documents. */
export const BATCH_SIZE = 500;

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '@marquee/errors/user';

/** SHA-256 of a document's text, hex: the hash automatic persisted queries and the manifest use. */
export const documentHash = (text: string): string =>
  createHash('sha256').update(text).digest('hex');

/** The operations the router knows ahead of time, by the SHA-256 of their text. */
export interface PersistedQueryList {
  /** The listed document with this hash (hex, with or without the manifest's `sha256:` prefix). */
  text(hash: string): string | undefined;
  /** Whether this exact text is listed. */
  listsText(text: string): boolean;
  readonly size: number;
}

const HASH_PREFIX = 'sha256:';
const stripPrefix = (hash: string) =>
  hash.startsWith(HASH_PREFIX) ? hash.slice(HASH_PREFIX.length) : hash;

export function persistedQueryList(entries: Record<string, string>): PersistedQueryList {
  const byHash = new Map<string, string>();
  for (const [key, text] of Object.entries(entries)) byHash.set(stripPrefix(key), text);
  return {
    text: (hash) => byHash.get(stripPrefix(hash)),
    listsText: (text) => byHash.has(documentHash(text)),
    size: byHash.size,
  };
}

/**
 * Reads a manifest as graphql-codegen's client preset writes it (`persistedDocuments`): a JSON
 * object of `"sha256:<hex>": "<document>"`. Every hash is checked against its text, so a manifest
 * edited by hand or generated with another algorithm fails the start instead of listing
 * operations no client can name.
 */
export async function loadPersistedQueryList(
  path: string,
  setting = 'PERSISTED_QUERIES_MANIFEST',
): Promise<PersistedQueryList> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not valid JSON';
    throw new UserError(
      `${setting}: cannot read the persisted-query manifest ${path} (${reason}); run \`npm run codegen -w @marquee/web\` or point ${setting} at a manifest.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UserError(`${setting}: ${path} is not a JSON object of hash → document.`);
  const entries: Record<string, string> = {};
  for (const [key, text] of Object.entries(parsed)) {
    if (typeof text !== 'string' || documentHash(text) !== stripPrefix(key))
      throw new UserError(
        `${setting}: in ${path}, ${key} is not the SHA-256 of its document; regenerate the manifest with hashAlgorithm sha256.`,
      );
    entries[key] = text;
  }
  return persistedQueryList(entries);
}

/** The web app's manifest, written by its codegen (apps/web/codegen.ts) and committed. */
export const WEB_APP_MANIFEST = fileURLToPath(
  new URL('../../../apps/web/src/__generated__/persisted-documents.json', import.meta.url),
);

/**
 * The manifest PERSISTED_QUERIES and PERSISTED_QUERIES_MANIFEST call for: none when off; the
 * configured file (relative to the working directory) or else the web app's. Only `apq` without a
 * configured file starts without one (a deployment without the web app's sources); the safelist
 * never runs on an empty list by accident.
 */
export async function manifestFor(
  mode: 'off' | 'apq' | 'safelist',
  configured: string | undefined,
): Promise<PersistedQueryList> {
  if (mode === 'off') return persistedQueryList({});
  if (configured === undefined && mode === 'apq' && !existsSync(WEB_APP_MANIFEST))
    return persistedQueryList({});
  return loadPersistedQueryList(configured === undefined ? WEB_APP_MANIFEST : resolve(configured));
}

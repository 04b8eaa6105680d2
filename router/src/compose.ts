import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export const subgraphNames = ['movies', 'people', 'users', 'reviews', 'recommendations'] as const;

/** Default (embedded) URLs recorded in the supergraph; the router overrides them from the environment. */
const defaultPorts: Record<(typeof subgraphNames)[number], number> = {
  movies: 4001,
  people: 4002,
  users: 4003,
  reviews: 4004,
  recommendations: 4005,
};

const repoRoot = new URL('../../', import.meta.url);
export const supergraphPath = fileURLToPath(new URL('schema/supergraph.graphql', repoRoot));

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** Composes the five subgraph SDL files into the supergraph SDL with @apollo/composition. */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all(
    subgraphNames.map(async (name) => ({
      name,
      url: `http://127.0.0.1:${defaultPorts[name]}/graphql`,
      typeDefs: parse(
        await readFile(new URL(`subgraphs/${name}/src/schema.graphql`, repoRoot), 'utf8'),
      ),
    })),
  );
  const result = composeServices(services);
  if (result.errors !== undefined) {
    throw new CompositionError(
      `Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`,
    );
  }
  return result.supergraphSdl;
}

/** Writes schema/supergraph.graphql; with `check`, fails instead when the committed file is stale. */
export async function writeSupergraph(options: { check: boolean }): Promise<{ changed: boolean }> {
  const composed = await composeSupergraph();
  const current = await readFile(supergraphPath, 'utf8').catch(() => '');
  const changed = current !== composed;
  if (changed && options.check) {
    throw new CompositionError(
      'schema/supergraph.graphql is stale: run `npm run compose` and commit the result.',
    );
  }
  if (changed) await writeFile(supergraphPath, composed);
  return { changed };
}

export function readSupergraph(): Promise<string> {
  return readFile(supergraphPath, 'utf8');
}

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { defaultSubgraphUrl, subgraphNames } from '@marquee/env';

export { subgraphNames };

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
      // The default (embedded) URLs; the router overrides them from the environment.
      url: defaultSubgraphUrl(name),
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

import { supergraphPath, writeSupergraph } from '@marquee/router';

export async function composeCommand(options: { check: boolean }): Promise<void> {
  const { changed } = await writeSupergraph(options);
  if (options.check) console.log('schema/supergraph.graphql is up to date.');
  else
    console.log(
      changed ? `Wrote ${supergraphPath}.` : 'schema/supergraph.graphql is already up to date.',
    );
}

import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

type Path = (string | number)[];

/** Response names a selection set asks for, through inline fragments and named spreads. */
function responseNames(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  into: Set<string>,
  seen = new Set<string>(),
): Set<string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (name !== '__typename') into.add(name);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      responseNames(selection.selectionSet, fragments, into, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment !== undefined) responseNames(fragment.selectionSet, fragments, into, seen);
    }
  }
  return into;
}

/**
 * The paths, in the form the gateway expects from a subgraph, of every field a failed fetch was
 * to provide: `[field]` for a root fetch, `['_entities', i, field]` for each entity of an entity
 * fetch (the gateway rewrites those into the entity's place in the client's response). So each
 * field left null by the failure gets an error at its own path; their number is at most the
 * fields the response would have held.
 */
export function failedFieldPaths(document: DocumentNode, entityCount: number | undefined): Path[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let selectionSet: SelectionSetNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION)
      selectionSet ??= definition.selectionSet;
  }
  if (selectionSet === undefined) return [];
  const [first] = selectionSet.selections;
  if (
    entityCount !== undefined &&
    first?.kind === Kind.FIELD &&
    first.name.value === '_entities' &&
    first.selectionSet !== undefined
  ) {
    const names = [...responseNames(first.selectionSet, fragments, new Set())];
    const paths: Path[] = [];
    for (let index = 0; index < entityCount; index++)
      for (const name of names) paths.push(['_entities', index, name]);
    return paths;
  }
  return [...responseNames(selectionSet, fragments, new Set())].map((name) => [name]);
}

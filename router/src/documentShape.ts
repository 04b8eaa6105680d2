import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * One value per fragment, computed the first time the fragment is met. Fragments that spread each
 * other twice over (F0 spreads F1 twice, F1 spreads F2 twice, …) make a kilobyte of document name
 * 2^30 fields; walking a fragment again at every spread doubles the work per level, computing it
 * once keeps every measure linear in the document's size. A fragment met again while it is being
 * computed (a cycle, which validation rejects) counts as `whileMeasuring`.
 */
export function fragmentMemo<T>(
  fragments: Fragments,
  measure: (fragment: FragmentDefinitionNode) => T,
  whileMeasuring: T,
) {
  const measured = new Map<string, T>();
  return (name: string): T | undefined => {
    if (measured.has(name)) return measured.get(name);
    const fragment = fragments.get(name);
    if (fragment === undefined) return undefined;
    measured.set(name, whileMeasuring);
    const value = measure(fragment);
    measured.set(name, value);
    return value;
  };
}

/** How many fields deep an operation goes, fragments expanded (introspection fields count zero). */
export function operationDepth(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  fragments: Fragments = fragmentsOf(document),
): number {
  const fragmentDepth = fragmentMemo(fragments, (fragment) => depthOf(fragment.selectionSet), 0);
  function depthOf(selectionSet: SelectionSetNode | undefined): number {
    if (selectionSet === undefined) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__'))
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, fragmentDepth(selection.name.value) ?? 0);
      }
    }
    return deepest;
  }
  return depthOf(operation.selectionSet);
}

/**
 * How many selections (fields, inline fragments, spreads) an operation names once every fragment
 * is expanded where it is spread. The count multiplies along spreads and can be astronomically
 * large; it is computed per fragment once, so it costs a walk of the document.
 */
export function expandedSelections(
  operation: OperationDefinitionNode,
  fragments: Fragments,
): number {
  const fragmentCount = fragmentMemo(fragments, (fragment) => countOf(fragment.selectionSet), 0);
  function countOf(selectionSet: SelectionSetNode | undefined): number {
    if (selectionSet === undefined) return 0;
    let count = 0;
    for (const selection of selectionSet.selections) {
      count += 1;
      if (selection.kind === Kind.FRAGMENT_SPREAD)
        count += fragmentCount(selection.name.value) ?? 0;
      else count += countOf(selection.selectionSet);
    }
    return count;
  }
  return countOf(operation.selectionSet);
}

export interface MergeShape {
  /** Aliased fields, fragments expanded. */
  aliases: number;
  /**
   * Pairs of fields that land on the same response path (same response names all the way down)
   * and must be checked against each other to be merged. graphql-js's OverlappingFieldsCanBeMerged
   * compares each such pair, so its work grows with this number, which can grow with the square
   * of the document's size (`{ a { a { … } a { … } } a { … } }`).
   */
  mergePairs: number;
}

/**
 * Walks the operation with its fragments expanded. Call it only on operations whose
 * `expandedSelections` is bounded: the walk visits every expanded selection once.
 */
export function mergeShape(operation: OperationDefinitionNode, fragments: Fragments): MergeShape {
  // Response paths as small integers: (parent path, response name) → path.
  const paths = new Map<string, { id: number; fields: number }>();
  let aliases = 0;
  let mergePairs = 0;
  const spreading = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias !== undefined) aliases += 1;
        const key = `${parent}:${selection.alias?.value ?? selection.name.value}`;
        let path = paths.get(key);
        if (path === undefined) {
          path = { id: paths.size + 1, fields: 0 };
          paths.set(key, path);
        }
        mergePairs += path.fields;
        path.fields += 1;
        if (selection.selectionSet !== undefined) walk(selection.selectionSet, path.id);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, parent);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment === undefined || spreading.has(name)) continue;
        spreading.add(name);
        walk(fragment.selectionSet, parent);
        spreading.delete(name);
      }
    }
  };
  walk(operation.selectionSet, 0);
  return { aliases, mergePairs };
}

/** Fragments no operation reaches (graphql's NoUnusedFragments, found without validating). */
export function unusedFragments(document: DocumentNode, fragments: Fragments): string[] {
  const reached = new Set<string>();
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) pending.push(definition.selectionSet);
  }
  for (let selectionSet = pending.pop(); selectionSet !== undefined; selectionSet = pending.pop()) {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment !== undefined && !reached.has(selection.name.value)) {
          reached.add(selection.name.value);
          pending.push(fragment.selectionSet);
        }
      } else if (selection.selectionSet !== undefined) {
        pending.push(selection.selectionSet);
      }
    }
  }
  return [...fragments.keys()].filter((name) => !reached.has(name));
}

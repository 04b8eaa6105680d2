import {
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fragmentMemo, fragmentsOf, type Fragments } from './documentShape.ts';

/** What a list without a `first` argument is assumed to return. */
export const DEFAULT_LIST_SIZE = 10;

// The gateway's schema comes from graphql's CommonJS build and this module from its ES build, so
// graphql-js's `instanceof` predicates (isListType, isObjectType…) would throw across the two;
// types are read structurally instead.
const typeName = (type: GraphQLOutputType) => String(type).replace(/[[\]!]/g, '');
const isList = (type: GraphQLOutputType) => String(type).startsWith('[');
const fieldsOf = (type: GraphQLNamedType | null | undefined) =>
  type !== null && type !== undefined && 'getFields' in type && typeof type.getFields === 'function'
    ? (type.getFields() as Record<string, GraphQLField<unknown, unknown> | undefined>)
    : undefined;

/**
 * An upper-bound estimate of the work an operation asks for: every field costs 1 per parent
 * object it is resolved on. A field with a `first` argument multiplies what is below it by that
 * page size (its value, its variable, or the schema default); any other list of objects by
 * DEFAULT_LIST_SIZE, except a connection's `edges`, whose size `first` already counts.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  fragments: Fragments = fragmentsOf(document),
): number {
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();

  const pageSizeOf = (
    node: FieldNode,
    field: GraphQLField<unknown, unknown> | undefined,
  ): number | undefined => {
    const definition = field?.args.find((arg) => arg.name === 'first');
    if (definition === undefined) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === 'first');
    const value: unknown =
      given === undefined ? definition.defaultValue : valueFromASTUntyped(given.value, variables);
    return typeof value === 'number' && Number.isFinite(value) && value > 0
      ? value
      : DEFAULT_LIST_SIZE;
  };

  // A fragment's cost depends only on its own type condition, so it is computed once however
  // often it is spread; page sizes multiply it where it is spread (see documentShape.ts).
  const fragmentCost = fragmentMemo(
    fragments,
    (fragment) => costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)),
    0,
  );

  function costOf(
    selectionSet: SelectionSetNode | undefined,
    parent: GraphQLNamedType | undefined | null,
  ): number {
    if (selectionSet === undefined) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = fieldsOf(parent)?.[selection.name.value];
        const pageSize = pageSizeOf(selection, field);
        const factor =
          pageSize ??
          (field !== undefined &&
          isList(field.type) &&
          selection.name.value !== 'edges' &&
          selection.selectionSet !== undefined
            ? DEFAULT_LIST_SIZE
            : 1);
        total +=
          1 +
          factor *
            costOf(
              selection.selectionSet,
              field === undefined ? undefined : schema.getType(typeName(field.type)),
            );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition =
          selection.typeCondition === undefined
            ? parent
            : schema.getType(selection.typeCondition.name.value);
        total += costOf(selection.selectionSet, condition);
      } else {
        total += fragmentCost(selection.name.value) ?? 0;
      }
    }
    return total;
  }
  return costOf(operation.selectionSet, root);
}

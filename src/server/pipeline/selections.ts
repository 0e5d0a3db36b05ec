import {
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;
export type Variables = Readonly<Record<string, unknown>>;

/** The resolvers clamp every page to 1…100 items (`first`), so no list is longer than this. */
export const MAX_PAGE_SIZE = 100;
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

export function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

/** The value an argument was given (variables substituted), or undefined when absent. */
export function argumentValue(
  args: readonly ArgumentNode[] | undefined,
  name: string,
  variables: Variables,
): unknown {
  const given = args?.find((arg) => arg.name.value === name);
  return given ? valueFromASTUntyped(given.value, variables) : undefined;
}

/** Values given to `_entities(representations:)`: one item when a single value was sent for the list. */
export function representationsOf(node: FieldNode, variables: Variables): unknown[] {
  const value = argumentValue(node.arguments, 'representations', variables);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * How many objects a field's selection is resolved for: the page size asked (the argument's default
 * when absent, clamped like the resolvers clamp it; the maximum when unreadable), the number of
 * `_entities` representations, or 1.
 */
export function listSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Variables,
  maxEntities: number,
): number {
  if (field.name === '_entities') return Math.min(representationsOf(node, variables).length, maxEntities);
  for (const name of PAGE_SIZE_ARGUMENTS) {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) continue;
    const value = argumentValue(node.arguments, name, variables) ?? definition.defaultValue;
    const size = typeof value === 'number' && Number.isFinite(value) ? value : MAX_PAGE_SIZE;
    return Math.min(Math.max(Math.trunc(size), 1), MAX_PAGE_SIZE);
  }
  return 1;
}

export interface FieldSelection {
  node: FieldNode;
  /** The type the field is selected on (an inline fragment's or fragment's type condition, if any). */
  parent: GraphQLCompositeType;
  /** Undefined for `__typename` and other meta fields. */
  field: GraphQLField<unknown, unknown> | undefined;
}

/** The fields of a selection set, inline fragments and fragment spreads flattened into it. */
export function fieldSelections(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Fragments,
  seen: ReadonlySet<string> = new Set(),
): FieldSelection[] {
  const found: FieldSelection[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
      const name = selection.name.value;
      found.push({ node: selection, parent, field: Object.hasOwn(fields, name) ? fields[name] : undefined });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
      const inner = isCompositeType(condition) ? condition : parent;
      found.push(...fieldSelections(schema, selection.selectionSet, inner, fragments, seen));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || seen.has(fragment.name.value)) continue;
      const condition = schema.getType(fragment.typeCondition.name.value);
      const inner = isCompositeType(condition) ? condition : parent;
      const path = new Set(seen).add(fragment.name.value);
      found.push(...fieldSelections(schema, fragment.selectionSet, inner, fragments, path));
    }
  }
  return found;
}

/** The composite type a field's selection set is read on, when it has one. */
export function selectionTypeOf(field: GraphQLField<unknown, unknown>): GraphQLCompositeType | undefined {
  const type = getNamedType(field.type);
  return isCompositeType(type) ? type : undefined;
}

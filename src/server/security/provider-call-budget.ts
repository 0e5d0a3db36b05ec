import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from '../../schema/context.js';
import {
  MAX_PAGE_SIZE,
  MUTATION_PROVIDER_CALLS,
  NO_PROVIDER_CALLS_BELOW,
  PAGE_SIZE_ARGUMENTS,
  PROVIDER_CALL_COSTS,
} from './provider-call-costs.js';

/**
 * Refuses, before execution, an operation that could make more than `maxCalls` provider calls: each
 * provider-backed field counts its calls, multiplied by the page sizes of the lists around it. It runs
 * once the operation is resolved, so page sizes passed as variables are known.
 */
export function providerCallBudgetPlugin(maxCalls: number): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return Promise.resolve();
          const fragments = new Map(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const calls = estimateProviderCalls(schema, operation, fragments, request.variables ?? {});
          if (calls > maxCalls) {
            return Promise.reject(
              new GraphQLError(
                `Operation may make ${calls} provider calls; the limit is ${maxCalls}. Ask for smaller pages.`,
                { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } },
              ),
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

export function estimateProviderCalls(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const perField = operation.operation === 'mutation' ? MUTATION_PROVIDER_CALLS : 0;
  const values = { ...variableDefaults(operation), ...variables };
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(parent, selection.name.value);
        if (!field) continue;
        const own =
          (parent === root ? perField : 0) + (PROVIDER_CALL_COSTS[`${parent.name}.${field.name}`] ?? 0);
        const type = getNamedType(field.type);
        const quiet = NO_PROVIDER_CALLS_BELOW.has(`${parent.name}.${field.name}`);
        const nested =
          selection.selectionSet && isCompositeType(type) && !quiet
            ? walk(selection.selectionSet, type, seen)
            : 0;
        total += own + pageSize(field, selection.arguments ?? [], values) * nested;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        total += walk(selection.selectionSet, isCompositeType(condition) ? condition : parent, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        const inner = new Set(seen).add(fragment.name.value);
        total += walk(fragment.selectionSet, isCompositeType(condition) ? condition : parent, inner);
      }
    }
    return total;
  };
  return walk(operation.selectionSet, root, new Set());
}

function variableDefaults(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return defaults;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * The page size a field is asked for (the argument's default when absent or null), clamped to
 * 1…MAX_PAGE_SIZE; the maximum when unreadable; 1 for fields without a page size.
 */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  args: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[],
  variables: Record<string, unknown>,
): number {
  for (const name of PAGE_SIZE_ARGUMENTS) {
    const definition = field.args.find((arg) => arg.name === name);
    if (!definition) continue;
    const given = args.find((arg) => arg.name.value === name);
    const asked = given ? valueFromASTUntyped(given.value, variables) : undefined;
    const value = asked ?? definition.defaultValue;
    const size = typeof value === 'number' && Number.isFinite(value) ? value : MAX_PAGE_SIZE;
    return Math.min(Math.max(Math.trunc(size), 1), MAX_PAGE_SIZE);
  }
  return 1;
}

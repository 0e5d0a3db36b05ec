import type { GraphQLCompositeType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { Provider } from '../../domain/provider.js';
import type { ProviderCallCounts } from '../../schema/common/provider-calls.js';
import { fieldSelections, listSize, selectionTypeOf, type Fragments, type Variables } from './selections.js';

export interface ProviderCallEstimate {
  total: number;
  byProvider: ProviderCallCounts;
}

/**
 * The most provider calls an operation can cause, from the `@ProviderCalls` declarations of its fields:
 * each field's own calls, plus its selection's calls times the objects it is resolved for (page sizes,
 * `_entities` representations). Aliases and fragments count each time they are selected.
 */
export function estimateProviderCalls(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
  maxEntities: number,
): ProviderCallEstimate {
  const root = schema.getRootType(operation.operation);
  const byProvider = new Map<Provider, number>();
  const add = (calls: ProviderCallCounts, times: number) => {
    for (const [provider, count] of Object.entries(calls) as [Provider, number][])
      byProvider.set(provider, (byProvider.get(provider) ?? 0) + count * times);
  };
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, times: number) => {
    for (const { node, field } of fieldSelections(schema, selectionSet, parent, fragments)) {
      if (!field) continue;
      const { providerCalls, noProviderCallsBelow } = field.extensions;
      if (providerCalls) add(providerCalls, times);
      const type = selectionTypeOf(field);
      if (node.selectionSet && type && !noProviderCallsBelow)
        walk(node.selectionSet, type, times * listSize(field, node, variables, maxEntities));
    }
  };
  if (root) walk(operation.selectionSet, root, 1);
  const counts = Object.fromEntries(byProvider) as ProviderCallCounts;
  return { total: [...byProvider.values()].reduce((sum, n) => sum + n, 0), byProvider: counts };
}

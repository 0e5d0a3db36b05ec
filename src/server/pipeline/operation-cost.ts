import type { GraphQLCompositeType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { fieldSelections, listSize, selectionTypeOf, type Fragments, type Variables } from './selections.js';

const SCALAR_COST = 1;
const OBJECT_COST = 2;
const INTROSPECTION = new Set(['__schema', '__type']);

/**
 * The structural cost of an operation: the fields it resolves, each scalar 1 and each object 2, every
 * selection multiplied by the objects it is resolved for: the page size (given as a literal or a
 * variable, its default when absent) and each `_entities` selection once per representation. So the
 * cost bounds the work of the response, and is computed once the variables are known. Introspection
 * costs nothing here (graphql-js bounds it).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  variables: Variables,
  maxEntities: number,
): number {
  const root = schema.getRootType(operation.operation);
  const cost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const { node, field } of fieldSelections(schema, selectionSet, parent, fragments)) {
      if (INTROSPECTION.has(node.name.value)) continue;
      const type = field && selectionTypeOf(field);
      if (!field || !node.selectionSet || !type) {
        total += SCALAR_COST;
        continue;
      }
      const children = cost(node.selectionSet, type);
      total += (OBJECT_COST + children) * listSize(field, node, variables, maxEntities);
    }
    return total;
  };
  return root ? cost(operation.selectionSet, root) : 0;
}

import { isUnionType, type FieldNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { badInput, refusedDocument } from './errors.js';
import { representationsOf, type Variables } from './selections.js';

/**
 * Checks what `_entities` is asked for before anything is loaded: at most `maxEntities` representations
 * in the whole operation, each an object naming one of the subgraph's entity types and a string id.
 * Anything else would reach the resolvers as a raw internal error.
 */
export function checkEntityRepresentations(
  schema: GraphQLSchema,
  rootSelections: readonly FieldNode[],
  variables: Variables,
  maxEntities: number,
): GraphQLError | undefined {
  const fields = rootSelections.filter((node) => node.name.value === '_entities');
  if (fields.length === 0) return undefined;
  const representations = fields.flatMap((node) => representationsOf(node, variables));
  if (representations.length > maxEntities) {
    return refusedDocument(
      `The operation asks for ${representations.length} entities; the limit is ${maxEntities}.`,
    );
  }
  const entityTypes = entityTypeNames(schema);
  const invalid = representations.findIndex(
    (representation) =>
      typeof representation !== 'object' ||
      representation === null ||
      !entityTypes.has(String((representation as Record<string, unknown>).__typename)) ||
      typeof (representation as Record<string, unknown>).id !== 'string',
  );
  if (invalid < 0) return undefined;
  return badInput(
    `Representation ${invalid} must be an object with __typename one of ${[...entityTypes].join(', ')} and a string id.`,
  );
}

function entityTypeNames(schema: GraphQLSchema): Set<string> {
  const entity = schema.getType('_Entity');
  return new Set(isUnionType(entity) ? entity.getTypes().map((type) => type.name) : []);
}

import { addResolversToSchema } from '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';
import { SERVED_TYPE_DEFS, SERVICE_SDL } from './served-subgraph.generated.js';

type ResolverMap = Parameters<typeof addResolversToSchema>[1];

/**
 * The federation subgraph the gateway serves, from the SDL that `buildSubgraphSchema` makes of the API
 * (served-subgraph.generated.ts, written by `npm run schema` and `npm run build`, checked by the drift
 * test): the schema, `_service` and `_entities` as `buildSubgraphSchema` wires them, with the same
 * functions of @apollo/subgraph, and the resolvers of the API. Building it at start-up instead loaded
 * and ran Apollo's federation composition code (@apollo/federation-internals), a sixth of start→ready,
 * to arrive at this same SDL every time.
 */
export function servedSubgraphSchema(resolvers: Record<string, object>): GraphQLSchema {
  // Valid by construction: it is what buildSubgraphSchema validated and printed (and Apollo Server
  // asserts the schema's validity again when it starts).
  const schema = buildASTSchema(parse(SERVED_TYPE_DEFS, { noLocation: true }), { assumeValidSDL: true });
  const query = schema.getQueryType()?.name ?? 'Query';
  const sdl = SERVICE_SDL;
  addResolversToSchema(schema, { [query]: { _service: () => ({ sdl }) } });
  if (schema.getType('_Entity')) {
    addResolversToSchema(schema, {
      [query]: {
        _entities: (_source, { representations }, context, info) =>
          entitiesResolver({ representations, context, info }),
      },
      _Entity: {
        __resolveType(parent: { __typename?: string }) {
          return parent.__typename;
        },
      },
    });
  }
  addResolversToSchema(schema, resolvers as ResolverMap);
  return schema;
}

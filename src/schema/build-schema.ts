import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { authChecker } from './common/auth-checker.js';
import { withProviderCallDeclarations } from './common/provider-calls.js';
import { entityReferenceResolvers } from './federation/entity-resolvers.js';
import { servedSubgraphSchema } from './federation/served-subgraph.js';
import { resolvers } from './resolvers.js';
import { topicLessPubSub } from './topic-less-pubsub.js';

let api: Promise<GraphQLSchema> | undefined;
let served: Promise<GraphQLSchema> | undefined;

/**
 * The API as type-graphql builds it from the resolver classes (once per process: its metadata is global).
 * `skipCheck`: type-graphql would run the whole introspection query over the new schema to find errors
 * (about a fifth of start-up); the served schema's SDL was validated by `buildSubgraphSchema` when it
 * was generated, and Apollo Server validates the schema again (`assertValidSchema`).
 */
export function buildApiSchema(): Promise<GraphQLSchema> {
  api ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    pubSub: topicLessPubSub,
    skipCheck: true,
  });
  return api;
}

/** The resolvers of the API with the entities' `__resolveReference`, as the subgraph schema takes them. */
export function subgraphResolvers(schema: GraphQLSchema): Record<string, object> {
  const resolverMap = createResolversMap(schema) as Record<string, object>;
  for (const [type, resolver] of Object.entries(entityReferenceResolvers)) {
    resolverMap[type] = { ...resolverMap[type], ...resolver };
  }
  return resolverMap;
}

/**
 * The schema the gateway serves: the API, also a valid Apollo Federation 2 subgraph (`_service`,
 * `_entities`, @key on its entities), so a supergraph router can compose it. Its SDL is generated
 * (federation/served-subgraph.generated.ts, see schema-artefacts.ts); the resolvers are the API's.
 */
export function buildPayGraphSchema(): Promise<GraphQLSchema> {
  served ??= buildApiSchema().then((schema) => {
    const subgraph = servedSubgraphSchema(subgraphResolvers(schema));
    assertSameTypeNames(schema, subgraph);
    return withProviderCallDeclarations(subgraph, schema);
  });
  return served;
}

/**
 * The resolvers reach the served schema by type name, so a type the API names otherwise than the
 * generated SDL (a class renamed, or a decorator without its name in a build that renames classes) would
 * be served without them, or not resolved at all: refused at start-up instead.
 */
function assertSameTypeNames(api: GraphQLSchema, subgraph: GraphQLSchema): void {
  const unknown = Object.keys(api.getTypeMap()).filter((name) => !subgraph.getType(name));
  if (unknown.length > 0) {
    throw new Error(
      `the API defines types the served schema does not have: ${unknown.join(', ')} (run npm run schema)`,
    );
  }
}

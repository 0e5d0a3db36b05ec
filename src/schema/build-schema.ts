import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';
import { buildSchema, createResolversMap } from 'type-graphql';
import { authChecker } from './common/auth-checker.js';
import { withProviderCallDeclarations } from './common/provider-calls.js';
import { entityReferenceResolvers } from './federation/entity-resolvers.js';
import { resolvers } from './resolvers.js';
import { topicLessPubSub } from './topic-less-pubsub.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

let api: Promise<GraphQLSchema> | undefined;
let served: Promise<GraphQLSchema> | undefined;

/**
 * The API as type-graphql builds it from the resolver classes (once per process: its metadata is global).
 * `skipCheck`: type-graphql would run the whole introspection query over the new schema to find errors
 * (about a fifth of start-up); the served schema is rebuilt from its SDL and validated by
 * `buildSubgraphSchema` and again by Apollo Server (`assertValidSchema`).
 */
function buildApiSchema(): Promise<GraphQLSchema> {
  api ??= buildSchema({
    resolvers,
    authChecker,
    validate: false,
    pubSub: topicLessPubSub,
    skipCheck: true,
  });
  return api;
}

/**
 * The schema the gateway serves: the API, also a valid Apollo Federation 2 subgraph (`_service`,
 * `_entities`, @key on its entities), so a supergraph router can compose it.
 */
export function buildPayGraphSchema(): Promise<GraphQLSchema> {
  served ??= buildApiSchema().then((schema) => {
    const resolverMap = createResolversMap(schema) as Record<string, object>;
    for (const [type, resolver] of Object.entries(entityReferenceResolvers)) {
      resolverMap[type] = { ...resolverMap[type], ...resolver };
    }
    type SubgraphResolvers = Parameters<typeof buildSubgraphSchema>[0] extends infer M
      ? M extends { resolvers?: infer R }
        ? R
        : never
      : never;
    const subgraph = buildSubgraphSchema({
      typeDefs: gql(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
      resolvers: resolverMap as SubgraphResolvers,
    });
    return withProviderCallDeclarations(subgraph, schema);
  });
  return served;
}

/** The SDL committed as schema/schema.graphql (the API clients see), sorted so that diffs stay readable. */
export async function printPayGraphSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}

/** The subgraph SDL committed as schema/subgraph.graphql, for composing PayGraph into a supergraph. */
export async function printPayGraphSubgraph(): Promise<string> {
  return `${printSubgraphSchema(lexicographicSortSchema(await buildPayGraphSchema()))}\n`;
}

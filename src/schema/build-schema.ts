import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './common/auth-checker.js';
import { resolvers } from './resolvers.js';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema; built once per process (type-graphql's metadata is global). */
export function buildPayGraphSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, authChecker, validate: false });
  return built;
}

/** The SDL committed as schema/schema.graphql, sorted so that diffs stay readable. */
export async function printPayGraphSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildPayGraphSchema()))}\n`;
}

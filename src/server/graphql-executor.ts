import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { SecurityConfig } from '../config/security.config.js';
import type { GraphQLContext } from '../schema/context.js';
import { operationHash } from './security/operation-hash.js';
import { PersistedOperations } from './security/persisted-operations.js';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

export interface CompiledExecutionOptions {
  /** Compiled documents kept (least recently used out first). */
  maxCompiled?: number;
  /** Documents remembered as seen once, so that the second sighting compiles. */
  maxSeen?: number;
}

/** Why a document is executed by graphql-js rather than compiled. */
const NOT_COMPILED = Symbol('not compiled');

/**
 * Apollo Server's execution step, with graphql-jit for the documents that repeat: those in the persisted
 * manifest from their first request, any other from its second, compiled once into plain JavaScript and
 * kept in a bounded cache. Everything before execution (parsing, validation with the operation limits,
 * the allowlist, rate limits, budgets, the context with its authenticated principal) is Apollo's own
 * pipeline, unchanged; resolvers, their authorization and the ledger run as they would under graphql-js.
 * graphql-js executes what is seen once, what graphql-jit cannot compile, introspection, and requests
 * whose variables do not coerce (so that their errors read exactly as graphql-js writes them).
 *
 * Apollo Server 5 has no executor option; its `gateway` interface (schema plus executor) is the hook.
 */
export function compiledExecution(
  schema: GraphQLSchema,
  security: Pick<SecurityConfig, 'persistedOperationsManifest'>,
  options: CompiledExecutionOptions = {},
): { gateway: Gateway } {
  const persisted = security.persistedOperationsManifest
    ? PersistedOperations.load(security.persistedOperationsManifest)
    : undefined;
  return { gateway: executorGateway(schema, new CompiledExecutor(schema, persisted, options)) };
}

/** The schema and `executor` as Apollo Server's gateway interface hands them in. */
export function executorGateway(schema: GraphQLSchema, executor: CompiledExecutor): Gateway {
  return {
    load: () => Promise.resolve({ executor: (request) => executor.execute(request) }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: () => Promise.resolve(),
  };
}

type ExecutorRequest = Parameters<Executor>[0];

export class CompiledExecutor {
  private readonly compiled: LRUCache<string, CompiledQuery | typeof NOT_COMPILED>;
  private readonly seen: LRUCache<string, true>;
  /** How many executions took each path, for tests and diagnostics. */
  readonly counts = { compiled: 0, graphqlJs: 0 };

  /** Documents held compiled (or known not to compile). */
  get cachedDocuments(): number {
    return this.compiled.size;
  }

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly persisted: PersistedOperations | undefined,
    options: CompiledExecutionOptions = {},
  ) {
    this.compiled = new LRUCache({ max: options.maxCompiled ?? 1000 });
    this.seen = new LRUCache({ max: options.maxSeen ?? 10_000 });
  }

  async execute(request: ExecutorRequest): Promise<ExecutionResult> {
    const { document, operationName, queryHash } = request;
    const compiled = await this.compiledFor(
      `${queryHash}:${operationName ?? ''}`,
      document,
      request.operation,
      operationName,
    );
    const variables = request.request.variables ?? {};
    if (compiled !== undefined) {
      const result = await compiled.query(undefined, request.context, variables);
      // Variables that did not coerce: no resolver has run; graphql-js words the errors.
      if ('data' in result) {
        this.counts.compiled += 1;
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
      }
    }
    this.counts.graphqlJs += 1;
    return execute({
      schema: this.schema,
      document,
      contextValue: request.context,
      variableValues: variables,
      operationName,
    });
  }

  private async compiledFor(
    key: string,
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined,
    operationName: string | null | undefined,
  ): Promise<CompiledQuery | undefined> {
    const cached = this.compiled.get(key);
    if (cached !== undefined) return cached === NOT_COMPILED ? undefined : cached;
    if (!operation || !this.worthCompiling(key, document)) return undefined;
    const { compileQuery, isCompiledQuery } = await loadGraphqlJit();
    const result = compilable(operation)
      ? compileQuery(this.schema, document, operationName ?? undefined)
      : undefined;
    const entry = result && isCompiledQuery(result) ? result : NOT_COMPILED;
    this.compiled.set(key, entry);
    return entry === NOT_COMPILED ? undefined : entry;
  }

  /** Persisted documents at once; any other once it comes back. */
  private worthCompiling(key: string, document: DocumentNode): boolean {
    if (this.persisted?.has(operationHash(document))) return true;
    if (this.seen.has(key)) return true;
    this.seen.set(key, true);
    return false;
  }
}

let graphqlJit: Promise<typeof import('graphql-jit')> | undefined;

/**
 * graphql-jit, loaded when the first document is compiled rather than at start-up, which it does not
 * serve (and which it lengthened by its parsing and evaluation).
 */
function loadGraphqlJit(): Promise<typeof import('graphql-jit')> {
  // A CommonJS package: its exports are `default` once bundled, named ones too when run from source.
  graphqlJit ??= import('graphql-jit').then(
    (module) => (module as { default?: typeof module }).default ?? module,
  );
  return graphqlJit;
}

/**
 * graphql-jit's errors lack what Apollo Server and formatError rely on (`extensions` always an object,
 * the error class's own fields): the same error as graphql-js would have raised, with its location.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const normal = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  return Object.assign(normal, { locations: error.locations });
}

/** Queries and mutations; introspection stays with graphql-js, which defines it. */
function compilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation === 'subscription') return false;
  return !operation.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
}

import type {
  DocumentNode,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  OperationDefinitionNode,
} from 'graphql';
import type { SecurityConfig } from '../../config/security.config.js';
import type { RateLimiter } from '../../domain/ports/rate-limiter.js';
import type { Principal } from '../../domain/principal.js';
import type { BearerVerifier } from '../auth/bearer-verifier.js';
import { errorFormatter } from '../format-error.js';
import type { PersistedOperations } from '../security/persisted-operations.js';
import { authenticate } from './authenticate.js';
import { documentRules, parseAndValidate, type DocumentRules } from './document-rules.js';
import { checkEntityRepresentations } from './entity-representations.js';
import { refusedDocument } from './errors.js';
import { operationCost } from './operation-cost.js';
import { OperationRateLimits } from './operation-rate-limits.js';
import { estimateProviderCalls } from './provider-call-budget.js';
import { checkSubgraphSdlAccess } from './schema-exposure.js';
import { fieldSelections, fragmentsOf, type Variables } from './selections.js';

export interface RequestPipelineOptions {
  schema: GraphQLSchema;
  config: SecurityConfig;
  limiter: RateLimiter;
  verifier: BearerVerifier;
  /** When set, no other document is executed. */
  persisted?: PersistedOperations;
}

/** An operation about to run: its document, already parsed and validated, and who sent it. */
export interface OperationRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Variables;
  /** The key per-caller limits count under (see `callerKey`). */
  caller: string;
  /** The router credential the request presented, if any. */
  routerSecret?: string;
}

/**
 * The checks every GraphQL request passes, whichever transport brought it (Apollo Server over HTTP,
 * graphql-ws over WebSocket): authentication, the per-caller rate limits, the document rules (depth,
 * aliases, directives, tokens, introspection), then, before anything runs, the persisted-operation
 * allowlist, the schema's exposure, `_entities` representations, the structural cost, the provider-call
 * budget and the per-field rate limits; and, last, the masking of every error a client sees.
 */
export class RequestPipeline {
  readonly rules: DocumentRules;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  private readonly rateLimits: OperationRateLimits;

  constructor(private readonly options: RequestPipelineOptions) {
    const { config } = options;
    this.rules = documentRules(config.limits, config.introspection);
    this.rateLimits = new OperationRateLimits(options.limiter, config.rateLimits);
    this.formatError = errorFormatter({ fieldSuggestions: config.fieldSuggestions });
  }

  get schema(): GraphQLSchema {
    return this.options.schema;
  }

  get persisted(): PersistedOperations | undefined {
    return this.options.persisted;
  }

  /** The principal of an `Authorization` value; undefined when absent; throws UNAUTHENTICATED when invalid. */
  authenticate(authorization: unknown): Promise<Principal | undefined> {
    return authenticate(this.options.verifier, authorization);
  }

  /** Counts one request against its caller's budget, before its document is read. */
  countRequest(caller: string): Promise<GraphQLError | undefined> {
    return this.rateLimits.countRequest(caller);
  }

  parseAndValidate(source: string): { document: DocumentNode } | { errors: GraphQLError[] } {
    return parseAndValidate(this.options.schema, source, this.rules);
  }

  /** The first reason to refuse an operation before it runs, or undefined to run it. */
  async admit(request: OperationRequest): Promise<GraphQLError | undefined> {
    const { schema, config, persisted } = this.options;
    const { document, operation, variables } = request;
    const { maxEntities, maxCost, maxProviderCalls } = config.limits;
    if (persisted && !persisted.allows(document)) {
      return refusedDocument(
        'This gateway runs only its persisted operations',
        'PERSISTED_QUERY_NOT_IN_LIST',
      );
    }
    const fragments = fragmentsOf(document);
    const root = schema.getRootType(operation.operation);
    const rootSelections = root
      ? fieldSelections(schema, operation.selectionSet, root, fragments).map(({ node }) => node)
      : [];
    const exposure = checkSubgraphSdlAccess(rootSelections, {
      introspection: config.introspection,
      routerSecret: config.routerSecret,
      presented: request.routerSecret,
    });
    if (exposure) return exposure;
    const entities = checkEntityRepresentations(schema, rootSelections, variables, maxEntities);
    if (entities) return entities;
    const cost = operationCost(schema, operation, fragments, variables, maxEntities);
    if (cost > maxCost) return refusedDocument(`Query Cost limit of ${maxCost} exceeded, found ${cost}.`);
    const calls = estimateProviderCalls(schema, operation, fragments, variables, maxEntities);
    if (calls.total > maxProviderCalls) {
      return refusedDocument(
        `Operation may make ${calls.total} provider calls; the limit is ${maxProviderCalls}. Ask for smaller pages.`,
      );
    }
    return this.rateLimits.countRootFields(request.caller, rootSelections);
  }
}

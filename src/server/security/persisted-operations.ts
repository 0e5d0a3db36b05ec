import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ConfigError } from '../../config/config-error.js';
import type { GraphQLContext } from '../../schema/context.js';
import { operationHash, sha256 } from './operation-hash.js';

/** The operations a client build may send: hash of the canonical document → that document. */
export class PersistedOperations {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  static load(path: string): PersistedOperations {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new ConfigError('PERSISTED_OPERATIONS_MANIFEST must name a readable JSON manifest');
    }
    return PersistedOperations.from(parsed);
  }

  static from(manifest: unknown): PersistedOperations {
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
      throw new ConfigError('the persisted-operation manifest must map hashes to documents');
    const documents = new Map<string, string>();
    for (const [hash, document] of Object.entries(manifest)) {
      if (typeof document !== 'string' || sha256(document) !== hash)
        throw new ConfigError('the persisted-operation manifest has an entry whose hash does not match');
      documents.set(hash, document);
    }
    return new PersistedOperations(documents);
  }

  get size(): number {
    return this.documents.size;
  }

  has(hash: string): boolean {
    return this.documents.has(hash);
  }

  /**
   * A read-only cache for Apollo's persisted-query protocol, so clients may send only
   * `extensions.persistedQuery.sha256Hash`. Nothing a client sends is ever stored.
   */
  asCache(): NonNullable<PersistedQueryOptions['cache']> {
    return {
      get: (key) => Promise.resolve(this.documents.get(key.slice(key.lastIndexOf(':') + 1))),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
  }
}

/** Refuses, before execution, any document that is not in the manifest (whatever its whitespace). */
export function persistedOperationsPlugin(
  operations: PersistedOperations,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation({ document }) {
          if (operations.has(operationHash(document))) return Promise.resolve();
          return Promise.reject(
            new GraphQLError('This gateway runs only its persisted operations', {
              extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
            }),
          );
        },
      }),
  };
}

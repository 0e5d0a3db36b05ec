import { readFileSync } from 'node:fs';
import type { PersistedQueryOptions } from '@apollo/server';
import { Kind, parse, type DocumentNode } from 'graphql';
import { ConfigError } from '../../config/config-error.js';
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

  /** The document listed under a hash, for clients that send only the hash. */
  documentFor(hash: string): string | undefined {
    return this.documents.get(hash);
  }

  /** Whether a document is in the manifest, whatever its layout. */
  allows(document: DocumentNode): boolean {
    return this.documents.has(operationHash(document));
  }

  /** The names of the manifest's operations (bounded, so they may label metrics). */
  operationNames(): string[] {
    const names = new Set<string>();
    for (const document of this.documents.values()) {
      for (const definition of parse(document).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name)
          names.add(definition.name.value);
      }
    }
    return [...names];
  }

  /**
   * A read-only cache for Apollo's persisted-query protocol, so clients may send only
   * `extensions.persistedQuery.sha256Hash`. Nothing a client sends is ever stored.
   */
  asCache(): NonNullable<PersistedQueryOptions['cache']> {
    return {
      get: (key) => Promise.resolve(this.documentFor(key.slice(key.lastIndexOf(':') + 1))),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
  }
}

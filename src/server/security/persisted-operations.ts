import { readFileSync } from 'node:fs';
import type { PersistedQueryOptions } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { ConfigError } from '../../config/config-error.js';
import type {
  PersistedDocuments,
  PersistedLookup,
  PersistedRefusalCode,
  PersistedRequest,
} from './persisted-lookup.js';
import { parseManifest, type ManifestFormat } from './persisted-manifest.js';

export { persistedOperationsPlugin } from './persisted-operations.plugin.js';
export type { PersistedLookup, PersistedRefusal, PersistedRequest } from './persisted-lookup.js';

/**
 * The documents a client build may send (PERSISTED_OPERATIONS_MANIFEST), in PayGraph's own format or the
 * client-preset's, each verified at load by its own hashing rule. A request names one by `documentId`, by
 * Apollo's persisted-query hash, or sends a text that `allows` matches by the same rule. Nothing a client
 * sends is ever added.
 */
export class PersistedOperations implements PersistedDocuments {
  private constructor(
    readonly format: ManifestFormat,
    private readonly byId: ReadonlyMap<string, string>,
    private readonly byApqHash: ReadonlyMap<string, string>,
    private readonly documents: readonly DocumentNode[],
  ) {}

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
    const { format, entries } = parseManifest(manifest);
    return new PersistedOperations(
      format,
      new Map(entries.map((entry) => [entry.id, entry.text])),
      new Map(entries.map((entry) => [entry.apqHash, entry.text])),
      entries.map((entry) => entry.document),
    );
  }

  get size(): number {
    return this.byId.size;
  }

  /** Whether the manifest lists a document under this id (hex, or `sha256:<hex>`). */
  has(id: string): boolean {
    return this.byId.has(hexOf(id));
  }

  /** The listed document a request names, or that it sent its own text, or why it is refused. */
  lookup(request: PersistedRequest): PersistedLookup {
    const { query, documentId } = request;
    const hasQuery = typeof query === 'string' && query.length > 0;
    if (documentId !== undefined && documentId !== null) {
      if (hasQuery) return refused('BAD_REQUEST', 'Send either documentId or query, not both', 400);
      if (typeof documentId !== 'string') return refused('BAD_REQUEST', 'documentId must be a string', 400);
      const document = this.byId.get(hexOf(documentId));
      return document ? { kind: 'listed', document } : notFound();
    }
    const persistedQuery = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)
      ?.persistedQuery;
    if (!hasQuery && persistedQuery) {
      const hash = persistedQuery.sha256Hash;
      const document = typeof hash === 'string' ? this.byApqHash.get(hash) : undefined;
      return document ? { kind: 'listed', document } : notFound();
    }
    return { kind: 'sent' };
  }

  /** Whether a parsed document is listed, matched by the manifest's own hashing rule (so any layout). */
  allows(document: DocumentNode): boolean {
    return this.byId.has(this.format.idOf(document));
  }

  /** The names of the manifest's operations (bounded, so they may label metrics). */
  operationNames(): string[] {
    const names = new Set<string>();
    for (const document of this.documents) {
      for (const definition of document.definitions) {
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
      get: (key) => Promise.resolve(this.byApqHash.get(key.slice(key.lastIndexOf(':') + 1))),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
  }
}

function hexOf(id: string): string {
  return id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
}

function notFound(): PersistedLookup {
  return refused('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound', 200);
}

function refused(code: PersistedRefusalCode, message: string, status: number): PersistedLookup {
  return { kind: 'refused', refusal: { code, message, status } };
}

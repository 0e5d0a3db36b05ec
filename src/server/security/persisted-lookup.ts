import type { DocumentNode } from 'graphql';

/** What a request names its document by, read from its body (or query string) by the transport. */
export interface PersistedRequest {
  query?: unknown;
  /** GraphQL-over-HTTP persisted documents: `sha256:<hex>` (or the manifest's bare key). */
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } | Record<string, unknown>;
}

export type PersistedRefusalCode = 'PERSISTED_QUERY_NOT_FOUND' | 'BAD_REQUEST';

export interface PersistedRefusal {
  code: PersistedRefusalCode;
  message: string;
  status: number;
}

export type PersistedLookup =
  /** The request named a listed document by its id or its APQ hash: run this text. */
  | { kind: 'listed'; document: string }
  /** The request carries its own text: it runs only if `allows` accepts the parsed document. */
  | { kind: 'sent' }
  | { kind: 'refused'; refusal: PersistedRefusal };

/** What a transport (the Apollo plugin, the request pipeline) needs of the allowlist. */
export interface PersistedDocuments {
  /** The listed document a request names, or that it sent its own text, or why it is refused. */
  lookup(request: PersistedRequest): PersistedLookup;
  /** Whether a parsed document is listed, matched by the manifest's own hashing rule. */
  allows(document: DocumentNode): boolean;
}

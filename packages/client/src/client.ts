import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface PayGraphClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A bearer token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * `document` (default) sends the operation's text; `documentId` sends only its persisted-document id, which
   * a gateway running this package's persisted-documents.json as its allowlist resolves.
   */
  send?: 'document' | 'documentId';
  /** A fetch implementation; the global one by default. */
  fetch?: (
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string },
  ) => Promise<{
    json(): Promise<unknown>;
  }>;
}

export interface PayGraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface PayGraphResult<TData> {
  data?: TData | null;
  errors?: readonly PayGraphError[];
}

type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface PayGraphClient {
  /** Runs one typed operation; business failures are in the payload's `userErrors`, system ones in `errors`. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<PayGraphResult<TData>>;
}

export function createPayGraphClient(options: PayGraphClientOptions): PayGraphClient {
  const send = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  return {
    async execute(document, ...[variables]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const body = {
        ...documentOf(document, options.send ?? 'document'),
        variables,
        operationName: nameOf(document),
      };
      const response = await send(options.url, { method: 'POST', headers, body: JSON.stringify(body) });
      return (await response.json()) as PayGraphResult<never>;
    },
  };
}

function documentOf(
  document: DocumentNode,
  send: 'document' | 'documentId',
): { query: string } | { documentId: string } {
  const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (send === 'documentId') {
    if (!id) throw new Error('this document has no persisted-document id');
    return { documentId: id };
  }
  return { query: print(document) };
}

function nameOf(document: DocumentNode): string | undefined {
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') return definition.name?.value;
  }
  return undefined;
}

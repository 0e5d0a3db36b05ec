import { createHash } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { Kind, print, type DocumentNode } from 'graphql';

/**
 * PayGraph's rule: one text per document whatever its layout: operations in their order, then fragments by
 * name, each printed by graphql-js. scripts/codegen/persisted-operations.mjs builds its manifest the same way.
 */
export function canonicalDocument(document: DocumentNode): string {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = document.definitions
    .filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
    .sort((a, b) => (a.name.value < b.name.value ? -1 : a.name.value > b.name.value ? 1 : 0));
  return [...operations, ...fragments].map((definition) => print(definition)).join('\n\n');
}

export function operationHash(document: DocumentNode): string {
  return sha256(canonicalDocument(document));
}

/**
 * The client-preset's rule (@graphql-codegen/client-preset persisted documents): definitions, selections and
 * arguments sorted, whitespace reduced, by @graphql-tools/documents, the library the preset itself uses.
 */
export function clientPresetHash(document: DocumentNode): string {
  return sha256(printExecutableGraphQLDocument(document));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

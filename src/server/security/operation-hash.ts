import { createHash } from 'node:crypto';
import { Kind, print, type DocumentNode } from 'graphql';

/**
 * One text per document whatever its layout: operations in their order, then fragments by name, each
 * printed by graphql-js. scripts/codegen/persisted-operations.mjs builds the manifest with the same rule.
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

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

import { parse, type DocumentNode } from 'graphql';
import { ConfigError } from '../../config/config-error.js';
import { clientPresetHash, operationHash, sha256 } from './operation-hash.js';

/** A manifest format: how its keys are written and the hashing rule that makes a key from a document. */
export interface ManifestFormat {
  readonly name: string;
  /** The document id a key names, or undefined when the key is not of this format. */
  idOfKey(key: string): string | undefined;
  /** The id of a parsed document under this format's hashing rule. */
  idOf(document: DocumentNode): string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** PayGraph's own manifest (`npm run codegen` → schema/persisted-operations.json): hex sha256 of the canonical text. */
export const payGraphFormat: ManifestFormat = {
  name: 'PayGraph',
  idOfKey: (key) => (SHA256_HEX.test(key) ? key : undefined),
  idOf: operationHash,
};

/**
 * The client-preset's persisted-documents.json: `sha256:<hex>` (the GraphQL-over-HTTP document identifier;
 * older preset versions wrote the bare hex with `hashAlgorithm: sha256`) of the preset's normalized print.
 */
export const clientPresetFormat: ManifestFormat = {
  name: 'client-preset',
  idOfKey: (key) => {
    const hex = key.startsWith('sha256:') ? key.slice('sha256:'.length) : key;
    return SHA256_HEX.test(hex) ? hex : undefined;
  },
  idOf: clientPresetHash,
};

const FORMATS = [payGraphFormat, clientPresetFormat];

export interface ManifestEntry {
  /** The hex sha256 the manifest lists the document under. */
  id: string;
  text: string;
  /** sha256 of the text exactly as listed: the hash Apollo's persisted-query protocol sends. */
  apqHash: string;
  document: DocumentNode;
}

export interface ParsedManifest {
  format: ManifestFormat;
  entries: ManifestEntry[];
}

/**
 * Reads a manifest (an object of key → document) and finds the one format whose hashing rule gives every
 * key from its document; a manifest that no rule verifies entry by entry is refused.
 */
export function parseManifest(manifest: unknown): ParsedManifest {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    throw new ConfigError('the persisted-operation manifest must map hashes to documents');
  const listed = Object.entries(manifest as Record<string, unknown>).map(([key, text], index) => {
    if (typeof text !== 'string')
      throw new ConfigError(`the persisted-operation manifest's entry ${index + 1} is not a document`);
    let document: DocumentNode;
    try {
      document = parse(text, { noLocation: true });
    } catch {
      throw new ConfigError(
        `the persisted-operation manifest's entry ${index + 1} is not a valid GraphQL document`,
      );
    }
    return { key, text, document };
  });
  const candidates = FORMATS.filter((format) => listed.every(({ key }) => format.idOfKey(key) !== undefined));
  if (listed.length > 0 && candidates.length === 0)
    throw new ConfigError(
      'the persisted-operation manifest keys must be sha256 hashes (64 hex digits, or sha256:<hex>; set the client-preset hashAlgorithm to sha256)',
    );
  for (const format of candidates) {
    const entries = listed.map(({ key, text, document }) => ({
      id: format.idOfKey(key)!,
      text,
      apqHash: sha256(text),
      document,
    }));
    if (entries.every((entry) => format.idOf(entry.document) === entry.id)) return { format, entries };
  }
  if (listed.length === 0) return { format: payGraphFormat, entries: [] };
  throw new ConfigError(
    `the persisted-operation manifest has an entry whose hash does not match (checked as ${candidates.map((f) => f.name).join(' and ')})`,
  );
}

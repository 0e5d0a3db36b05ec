import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, type DocumentNode } from 'graphql';
import * as generated from '../../src/generated/graphql.js';
import { operationHash } from '../../src/server/security/operation-hash.js';
import { PersistedOperations } from '../../src/server/security/persisted-operations.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pluginPath = join(root, 'scripts/codegen/persisted-operations.mjs');

/** The manifest codegen makes of schema/operations, built by the same plugin codegen runs. */
async function buildManifest(): Promise<Record<string, string>> {
  const { plugin } = (await import(pluginPath)) as {
    plugin: (schema: unknown, documents: { document: DocumentNode }[]) => string;
  };
  const folder = join(root, 'schema/operations');
  const documents = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ document: parse(readFileSync(join(folder, file), 'utf8')) }));
  return JSON.parse(plugin(undefined, documents)) as Record<string, string>;
}

const generatedDocuments = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [
  string,
  DocumentNode,
][];

describe('the persisted-operation manifest', () => {
  it('holds, under the hash the gateway computes, every operation of the typed client', async () => {
    const manifest = await buildManifest();
    expect(generatedDocuments.length).toBeGreaterThan(3);
    for (const [name, document] of generatedDocuments) {
      expect({ name, listed: operationHash(document) in manifest }).toEqual({ name, listed: true });
    }
    expect(PersistedOperations.from(manifest).size).toBe(Object.keys(manifest).length);
  });

  it('is refused when an entry does not match its hash', () => {
    expect(() => PersistedOperations.from({ ['0'.repeat(64)]: '{ __typename }' })).toThrow(/does not match/);
    expect(() => PersistedOperations.from(['{ __typename }'])).toThrow(/must map hashes/);
  });
});

describe('a gateway running only its persisted operations', () => {
  let gw: TestGateway;
  let token: string;
  let manifest: Record<string, string>;

  beforeAll(async () => {
    manifest = await buildManifest();
    const path = join(mkdtempSync(join(tmpdir(), 'paygraph-persisted-')), 'persisted-operations.json');
    writeFileSync(path, JSON.stringify(manifest));
    gw = await startTestGateway({ PERSISTED_OPERATIONS_MANIFEST: path });
    token = await gw.token('pat');
  });
  afterAll(() => gw.close());

  const payment = { input: { idempotencyKey: 'persisted-1', amount: '5.00', currency: 'AUD' } };

  it('runs a listed operation, whatever its layout', async () => {
    const sent = await gw.graphql(generated.CreatePaymentDocument, payment, { token });
    expect(sent.body.errors).toBeUndefined();
    const reformatted = `# a comment\n${print(generated.TransactionsDocument).replace(/\n\s*/g, ' ')}`;
    const listed = await gw.graphql(reformatted, { first: 5 }, { token });
    expect(listed.body.errors).toBeUndefined();
  });

  it('runs a listed operation sent by hash alone', async () => {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        variables: { first: 5 },
        extensions: {
          persistedQuery: { version: 1, sha256Hash: operationHash(generated.TransactionsDocument) },
        },
      }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('transactions');
  });

  it('refuses any other document before it runs, and stores nothing a client sends', async () => {
    const before = gw.simulators.numeropay.requests.entries.length;
    const other = await gw.graphql(
      `mutation { createPayment(input: { idempotencyKey: "x", amount: "1.00", currency: "AUD" }) { replayed } }`,
      undefined,
      { token },
    );
    expect(other.status).toBe(400);
    expect(other.body.data).toBeUndefined();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(gw.simulators.numeropay.requests.entries.length).toBe(before);

    const query = '{ __typename }';
    const hash = operationHash(parse(query));
    const register = await gw.graphql(query);
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const byHash = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(byHash.status).toBe(400);
    const replay = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    const replayed = (await replay.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(replayed.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

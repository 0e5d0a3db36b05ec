import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, print, type DocumentNode } from 'graphql';
import * as client from '../../packages/client/src/gql/graphql.js';
import * as generated from '../../src/generated/graphql.js';
import { operationHash, sha256 } from '../../src/server/security/operation-hash.js';
import { PersistedOperations } from '../../src/server/security/persisted-operations.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pluginPath = join(root, 'scripts/codegen/persisted-operations.mjs');
const clientManifestPath = join(root, 'packages/client/src/gql/persisted-documents.json');

/** PayGraph's own manifest of schema/operations, built by the same plugin codegen runs. */
async function buildPayGraphManifest(): Promise<Record<string, string>> {
  const { plugin } = (await import(pluginPath)) as {
    plugin: (schema: unknown, documents: { document: DocumentNode }[]) => string;
  };
  const folder = join(root, 'schema/operations');
  const documents = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ document: parse(readFileSync(join(folder, file), 'utf8')) }));
  return JSON.parse(plugin(undefined, documents)) as Record<string, string>;
}

/** The client-preset's persisted-documents.json, as `npm run codegen` writes it for packages/client. */
function clientPresetManifest(): Record<string, string> {
  return JSON.parse(readFileSync(clientManifestPath, 'utf8')) as Record<string, string>;
}

function writeManifest(manifest: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paygraph-persisted-')), 'manifest.json');
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

type Body = { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };

async function post(gw: TestGateway, body: unknown, token?: string): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

/** The id the client-preset embeds in each document (`persistedDocuments: embedHashInDocument`). */
function documentIdOf(document: DocumentNode): string {
  return (document as DocumentNode & { __meta__: { hash: string } }).__meta__.hash;
}

const generatedDocuments = Object.entries(generated).filter(([name]) => name.endsWith('Document')) as [
  string,
  DocumentNode,
][];
const clientDocuments = Object.entries(client).filter(([name]) => name.endsWith('Document')) as [
  string,
  DocumentNode & { __meta__: { hash: string } },
][];

describe('loading a persisted-operation manifest', () => {
  it('verifies PayGraph’s own format by its canonical hash, and lists every typed operation', async () => {
    const manifest = await buildPayGraphManifest();
    const loaded = PersistedOperations.from(manifest);
    expect(loaded.format.name).toBe('PayGraph');
    expect(loaded.size).toBe(Object.keys(manifest).length);
    expect(generatedDocuments.length).toBeGreaterThan(3);
    for (const [name, document] of generatedDocuments) {
      expect({ name, listed: loaded.allows(document) }).toEqual({ name, listed: true });
    }
  });

  it('verifies the client-preset format (sha256: keys, or bare hex) by the preset’s own hash', () => {
    const manifest = clientPresetManifest();
    expect(Object.keys(manifest).every((key) => key.startsWith('sha256:'))).toBe(true);
    const withoutPrefix = Object.fromEntries(
      Object.entries(manifest).map(([key, text]) => [key.slice('sha256:'.length), text]),
    );
    for (const loaded of [PersistedOperations.from(manifest), PersistedOperations.from(withoutPrefix)]) {
      expect(loaded.format.name).toBe('client-preset');
      expect(loaded.size).toBe(clientDocuments.length);
      for (const [name, document] of clientDocuments) {
        expect({ name, listed: loaded.allows(document), byId: loaded.has(document.__meta__.hash) }).toEqual({
          name,
          listed: true,
          byId: true,
        });
      }
    }
  });

  it('refuses an entry whose hash does not match its document, and keys of another algorithm', () => {
    const [[key, text]] = Object.entries(clientPresetManifest()) as [[string, string]];
    const tampered = text.replace(/\{/, '{ __typename ');
    expect(() => PersistedOperations.from({ [key]: tampered })).toThrow(/does not match/);
    expect(() => PersistedOperations.from({ ['0'.repeat(64)]: '{ __typename }' })).toThrow(/does not match/);
    expect(() => PersistedOperations.from({ [sha256(text).slice(0, 40)]: text })).toThrow(/sha256/);
    expect(() => PersistedOperations.from({ [key]: 'query {' })).toThrow(/not a valid GraphQL document/);
    expect(() => PersistedOperations.from(['{ __typename }'])).toThrow(/must map hashes/);
  });
});

describe('a gateway running only PayGraph’s own manifest', () => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway({
      PERSISTED_OPERATIONS_MANIFEST: writeManifest(await buildPayGraphManifest()),
    });
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

  it('runs a listed operation named by its APQ hash or by documentId', async () => {
    const hash = operationHash(generated.TransactionsDocument);
    const byHash = await post(
      gw,
      { variables: { first: 5 }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } },
      token,
    );
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toHaveProperty('transactions');
    const byId = await post(gw, { documentId: `sha256:${hash}`, variables: { first: 5 } }, token);
    expect(byId.body.errors).toBeUndefined();
    expect(byId.body.data).toHaveProperty('transactions');
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
    const byHash = await post(gw, {
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(byHash.status).toBe(400);
    const replay = await post(gw, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const byId = await post(gw, { documentId: `sha256:${hash}` });
    expect(byId.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe.each([
  ['as written by the client-preset (sha256: keys)', (manifest: Record<string, string>) => manifest],
  [
    'with the prefix removed',
    (manifest: Record<string, string>) =>
      Object.fromEntries(Object.entries(manifest).map(([key, text]) => [key.replace(/^sha256:/, ''), text])),
  ],
])('a gateway running the client package’s persisted-documents.json %s', (_label, shape) => {
  let gw: TestGateway;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway({
      PERSISTED_OPERATIONS_MANIFEST: writeManifest(shape(clientPresetManifest())),
    });
    token = await gw.token('pat');
  });
  afterAll(() => gw.close());

  it('runs a mutation sent by documentId alone, as the package’s documents carry it', async () => {
    const before = gw.simulators.numeropay.requests.entries.length;
    const sent = await post(
      gw,
      {
        documentId: documentIdOf(client.CreatePaymentDocument),
        variables: { input: { idempotencyKey: `by-id-${_label.length}`, amount: '7.25', currency: 'AUD' } },
      },
      token,
    );
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data).toMatchObject({
      createPayment: { transaction: { status: 'PENDING' }, userErrors: [] },
    });
    expect(gw.simulators.numeropay.requests.entries.length).toBeGreaterThan(before);
  });

  it('runs a query by documentId over GET, and never a mutation', async () => {
    const params = new URLSearchParams({
      documentId: documentIdOf(client.TransactionsDocument),
      variables: JSON.stringify({ first: 2 }),
    });
    const headers = { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' };
    const query = await fetch(`${gw.url}/graphql?${params}`, { headers });
    const body = (await query.json()) as Body;
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('transactions.edges');
    const mutation = new URLSearchParams({ documentId: documentIdOf(client.CreatePaymentDocument) });
    expect((await fetch(`${gw.url}/graphql?${mutation}`, { headers })).status).toBe(405);
  });

  it('runs the same documents sent as text, matched by the preset’s hashing rule', async () => {
    const sent = await gw.graphql(print(client.TransactionsDocument), { first: 2 }, { token });
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data).toHaveProperty('transactions.edges');
  });

  it('finds listed documents by APQ hash; an Apollo client’s own print is found after it sends the text', async () => {
    const [, listedText] = Object.entries(clientPresetManifest()).find(
      ([key]) => key === documentIdOf(client.ProvidersDocument),
    )!;
    const byListedText = await post(
      gw,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listedText) } } },
      token,
    );
    expect(byListedText.body.errors).toBeUndefined();
    expect(byListedText.body.data).toHaveProperty('providers');

    const printed = print(client.ProvidersDocument);
    const apq = { persistedQuery: { version: 1, sha256Hash: sha256(printed) } };
    const miss = await post(gw, { extensions: apq }, token);
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const withText = await post(gw, { query: printed, extensions: apq }, token);
    expect(withText.body.errors).toBeUndefined();
    // Sending the text registered nothing: the same hash alone is still unknown.
    const again = await post(gw, { extensions: apq }, token);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses unknown ids, unlisted documents, and a request naming a document twice', async () => {
    const unknown = await post(gw, { documentId: `sha256:${'0'.repeat(64)}` }, token);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(unknown.body.data).toBeUndefined();

    const unlisted = await gw.graphql('query { providers { provider } }', undefined, { token });
    expect(unlisted.status).toBe(400);
    expect(unlisted.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    const both = await post(
      gw,
      { documentId: documentIdOf(client.ProvidersDocument), query: 'query { providers { provider } }' },
      token,
    );
    expect(both.status).toBe(400);
    expect(both.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(both.body.data).toBeUndefined();
  });
});

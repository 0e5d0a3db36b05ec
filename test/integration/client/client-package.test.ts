import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The exact source the client-preset's `graphql()` knows an operation by (its gql.ts overloads). */
function graphqlSourceOf(operation: string): string {
  const gql = readFileSync(join(root, 'packages/client/src/gql/gql.ts'), 'utf8');
  const match = new RegExp(`^ {4}("${operation}\\([^\\n]*?"): typeof types\\.`, 'm').exec(gql);
  if (!match) throw new Error(`gql.ts has no source for ${operation}`);
  return match[1]!;
}

/** A consumer's program: typed with --strict against the installed tarball, then run against the gateway. */
function consumerProgram(): string {
  return `import {
  createPayGraphClient,
  getFragmentData,
  graphql,
  TransactionFieldsFragmentDoc,
  TransactionsDocument,
  type TransactionFieldsFragment,
} from '@paygraph/client';
import { token, url } from './config.js';

const CreatePayment = graphql(${graphqlSourceOf('mutation CreatePayment')});

const byText = createPayGraphClient({ url, token });
const byId = createPayGraphClient({ url, token, send: 'documentId' });

const created = await byText.execute(CreatePayment, {
  input: { idempotencyKey: 'consumer-1', amount: '12.50', currency: 'AUD', description: 'from @paygraph/client' },
});
const payload = created.data?.createPayment;
// @ts-expect-error fragment masking: a transaction's fields are read through getFragmentData
void payload?.transaction?.status;
const transaction: TransactionFieldsFragment | null | undefined = getFragmentData(
  TransactionFieldsFragmentDoc,
  payload?.transaction,
);
const amount: string | undefined = transaction?.amount.amount;
// @ts-expect-error Decimal is a string, never a number
const asNumber: number | undefined = transaction?.amount.amount;
void asNumber;

const listed = await byId.execute(TransactionsDocument, { first: 5 });
const ids = (listed.data?.transactions.edges ?? []).map(
  (edge) => getFragmentData(TransactionFieldsFragmentDoc, edge.node).id,
);

console.log(
  JSON.stringify({
    created: { errors: created.errors ?? [], id: transaction?.id, status: transaction?.status, amount },
    listed: { errors: listed.errors ?? [], ids },
  }),
);
`;
}

describe('the client package, installed from its tarball in a scratch project', () => {
  let gw: TestGateway;
  let project: string;

  beforeAll(async () => {
    const packed = mkdtempSync(join(tmpdir(), 'paygraph-client-pack-'));
    await run(npm, ['pack', '--pack-destination', packed, '--silent'], {
      cwd: join(root, 'packages/client'),
    });
    const [tarball] = readdirSync(packed).filter((file) => file.endsWith('.tgz'));
    expect(tarball).toMatch(/^paygraph-client-\d+\.\d+\.\d+\.tgz$/);

    project = mkdtempSync(join(tmpdir(), 'paygraph-consumer-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const typescript = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies.typescript!;
    await run(
      npm,
      ['install', '--no-audit', '--no-fund', join(packed, tarball!), `typescript@${typescript}`],
      {
        cwd: project,
      },
    );

    const manifest = join(project, 'node_modules/@paygraph/client/dist/persisted-documents.json');
    gw = await startTestGateway({ PERSISTED_OPERATIONS_MANIFEST: manifest });
    mkdirSync(join(project, 'src'));
    const config = { url: `${gw.url}/graphql`, token: await gw.token('consumer') };
    writeFileSync(
      join(project, 'src/config.ts'),
      `export const url = ${JSON.stringify(config.url)};\nexport const token = ${JSON.stringify(config.token)};\n`,
    );
    writeFileSync(join(project, 'src/main.ts'), consumerProgram());
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          outDir: 'out',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
  }, 240_000);
  afterAll(() => gw?.close());

  it('ships built JavaScript, declarations and the manifest, and nothing else', () => {
    const installed = join(project, 'node_modules/@paygraph/client');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json']);
    expect(readdirSync(join(installed, 'dist')).sort()).toEqual(
      expect.arrayContaining([
        'index.js',
        'index.d.ts',
        'client.js',
        'client.d.ts',
        'gql',
        'persisted-documents.json',
      ]),
    );
    expect(
      readdirSync(join(installed, 'dist')).some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')),
    ).toBe(false);
  });

  it('type-checks a program with --strict (masked fragments, Decimal as string)', async () => {
    const tsc = join(project, 'node_modules/typescript/bin/tsc');
    const compiled = await run(process.execPath, [tsc, '-p', '.', '--strict'], { cwd: project }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string }) => ({ ok: false, output: error.stdout ?? String(error) }),
    );
    expect(compiled).toEqual({ ok: true, output: '' });
  }, 120_000);

  it('runs a mutation by its text and a query by its persisted-document id against the gateway', async () => {
    const { stdout } = await run(process.execPath, [join(project, 'out/main.js')], { cwd: project });
    const result = JSON.parse(stdout) as {
      created: { errors: unknown[]; id?: string; status?: string; amount?: string };
      listed: { errors: unknown[]; ids: string[] };
    };
    expect(result.created).toMatchObject({ errors: [], status: 'PENDING', amount: '12.5' });
    expect(result.listed.errors).toEqual([]);
    expect(result.listed.ids).toContain(result.created.id);
    expect(gw.simulators.numeropay.requests.entries.length).toBeGreaterThan(0);
  }, 60_000);
});

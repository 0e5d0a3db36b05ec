import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import pg from 'pg';
import { issueClientToken } from '../../../src/server/auth/issue-token.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { REPOSITORY, spawnGateway, waitUntilReady, type GatewayProcess } from '../server/gateway-process.js';
import {
  assembleImage,
  gatewayServices,
  readComposeFile,
  readImageStage,
  type ComposeService,
} from './compose-environment.js';
import { freePort } from '../../helpers/free-port.js';

jest.setTimeout(240_000);

/** docs/deployment.md's snippet that makes the secrets and `.env` compose reads (its `docker` line aside). */
function deploymentSnippet(): string {
  const page = readFileSync(join(REPOSITORY, 'docs', 'deployment.md'), 'utf8');
  const block = [...page.matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .find((code) => code.includes('secrets/session-signing-key.pem'));
  if (!block) throw new Error('docs/deployment.md has no snippet creating secrets/session-signing-key.pem');
  return block
    .split('\n')
    .filter((line) => !/^docker\s/.test(line))
    .join('\n');
}

const serverUrl = process.env.TEST_DATABASE_URL;
const describeCompose = serverUrl && redisServerAvailable ? describe : describe.skip;

/**
 * docker-compose.yml as written, without Docker: docs/deployment.md's commands make the secrets and `.env`,
 * the image's /app is assembled from the Dockerfile's COPY lines, and each gateway service's container
 * environment runs `node dist/main.js` there, against a real PostgreSQL (standing in for the
 * `postgres` service: a role and database of their own, with the password of `.env`) and a real
 * redis-server (for `redis`).
 */
describeCompose('docker-compose.yml, with the values docs/deployment.md lists', () => {
  const directory = mkdtempSync(join(tmpdir(), 'paygraph-compose-'));
  const role = `paygraph_compose_${randomBytes(4).toString('hex')}`;
  let redis: RedisServer;
  let services: ComposeService[];
  let dotenv: Record<string, string>;
  let app: string;
  const replicas: GatewayProcess[] = [];

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    execFileSync('bash', ['-euo', 'pipefail', '-c', deploymentSnippet()], { cwd: directory, stdio: 'pipe' });
    dotenv = parseEnv(readFileSync(join(directory, '.env'), 'utf8')) as Record<string, string>;
    const compose = readComposeFile(join(REPOSITORY, 'docker-compose.yml'));
    const stage = readImageStage(join(REPOSITORY, 'Dockerfile'));
    app = assembleImage(REPOSITORY, stage, join(directory, 'image'));
    services = gatewayServices(compose, directory, dotenv, stage.env);

    // The postgres service: POSTGRES_USER / POSTGRES_DB / POSTGRES_PASSWORD of its environment.
    const postgres = compose.services.postgres!.environment!;
    expect(postgres).toMatchObject({ POSTGRES_USER: 'paygraph', POSTGRES_DB: 'paygraph' });
    const password = dotenv.POSTGRES_PASSWORD!;
    expect(password).toMatch(/^[0-9a-f]+$/);
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin(`CREATE DATABASE ${role} OWNER ${role}`);
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(
      replicas.map(async (replica) => {
        if (replica.child.exitCode === null && replica.child.signalCode === null)
          replica.child.kill('SIGKILL');
        await replica.exited;
      }),
    );
    await redis?.stop();
    await admin(`DROP DATABASE IF EXISTS ${role} WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    rmSync(directory, { recursive: true, force: true });
  });

  /** The container's environment on this machine: compose's host names and secret mounts mapped. */
  const onThisMachine = (service: ComposeService, port: number): Record<string, string> => {
    const env = { ...service.environment };
    const database = new URL(env.DATABASE_URL!);
    expect([database.hostname, database.port, database.username, database.pathname]).toEqual([
      'postgres',
      '5432',
      'paygraph',
      '/paygraph',
    ]);
    const server = new URL(serverUrl!);
    Object.assign(database, {
      hostname: server.hostname,
      port: server.port,
      username: role,
      pathname: `/${role}`,
    });
    env.DATABASE_URL = database.toString();
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    env.REDIS_URL = redis.url;
    for (const [name, value] of Object.entries(env))
      if (service.secrets[value]) env[name] = service.secrets[value]!;
    // Each container has its own network namespace; here they share one, on loopback.
    env.PORT = String(port);
    env.HOST = '127.0.0.1';
    env.METRICS_PORT = '0';
    // Optional in compose: set here to prove that the image carries the manifest.
    env.PERSISTED_OPERATIONS_MANIFEST = 'schema/persisted-operations.json';
    return env;
  };

  it('starts both gateway replicas, ready, sharing PostgreSQL and Redis', async () => {
    expect(services.map((service) => service.name).sort()).toEqual(['gateway-1', 'gateway-2']);
    for (const service of services) {
      expect(service.environment).toMatchObject({
        NODE_ENV: 'production',
        PAYGRAPH_MODE: 'live',
        SESSION_SIGNING_KEY_FILE: expect.stringMatching(/^\/run\/secrets\//),
        DATA_ENCRYPTION_KEY_FILE: expect.stringMatching(/^\/run\/secrets\//),
      });
    }
    for (const service of services) {
      const port = await freePort();
      replicas.push(spawnGateway(onThisMachine(service, port), port, { built: { cwd: app } }));
    }
    await Promise.all(replicas.map((replica) => waitUntilReady(replica)));

    const token = await issueClientToken({ jwtSecret: dotenv.AUTH_JWT_SECRET }, 'compose-user', []);
    const manifest = JSON.parse(
      readFileSync(join(app, 'schema', 'persisted-operations.json'), 'utf8'),
    ) as Record<string, string>;
    const providersQuery = Object.values(manifest).find((document) =>
      document.startsWith('query Providers {'),
    )!;
    for (const replica of replicas) {
      const readiness = (await (await fetch(`${replica.url}/readyz`)).json()) as Record<string, unknown>;
      expect(readiness).toMatchObject({ status: 'ready', ledger: 'ok', sharedState: 'shared' });
      const ask = async (query: string) => {
        const response = await fetch(`${replica.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as { data?: unknown; errors?: unknown[] };
      };
      expect((await ask(providersQuery)).errors).toBeUndefined();
      expect((await ask('{ __typename }')).errors).toHaveLength(1);
      // Sessions are signed with the key of the secret file, the same on every replica.
      const jwks = (await (await fetch(`${replica.url}/.well-known/jwks.json`)).json()) as {
        keys: unknown[];
      };
      expect(jwks.keys).toHaveLength(1);
    }
    const [first, second] = await Promise.all(
      replicas.map(async (replica) => (await fetch(`${replica.url}/.well-known/jwks.json`)).text()),
    );
    expect(first).toBe(second);
  });

  it('prints no secret of .env or of the secret files', () => {
    const output = replicas.map((replica) => replica.output()).join('\n');
    for (const file of Object.values(services[0]!.secrets)) {
      const secret = readFileSync(file, 'utf8').trim();
      expect(output).not.toContain(secret.split('\n')[1] ?? secret);
    }
    expect(output).not.toContain(dotenv.POSTGRES_PASSWORD);
    expect(output).not.toContain(dotenv.AUTH_JWT_SECRET);
  });
});

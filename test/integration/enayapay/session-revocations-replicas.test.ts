import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';
import type { SessionRevocation } from '../../../src/domain/ports/session-revocations.js';
import {
  EndAllSessionsDocument,
  LoginUserDocument,
  LogoutDocument,
  MyAccountDocument,
} from '../../../src/generated/graphql.js';
import { RedisSessionRevocations } from '../../../src/shared-state/redis-session-revocations.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../helpers/redis-server.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../helpers/test-database.js';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { waitFor } from '../replicas/replica-processes.js';
import { registeredUser } from './gateway-accounts.js';

const describeRedis = redisServerAvailable ? describe : describe.skip;

function registryOf(gw: TestGateway): RedisSessionRevocations {
  const registry = gw.gateway.services.sessionRevocations;
  if (!(registry instanceof RedisSessionRevocations)) throw new Error('this gateway shares no Redis');
  return registry;
}

/** Resolves with the first revocation `gw` hears that matches. */
function heard(
  gw: TestGateway,
  match: (revocation: SessionRevocation) => boolean,
): Promise<SessionRevocation> {
  return new Promise((resolve) => {
    const stop = registryOf(gw).subscribe((revocation) => {
      if (!match(revocation)) return;
      stop();
      resolve(revocation);
    });
  });
}

/**
 * Two gateways on one ledger (PostgreSQL in CI's second pass, a shared SQLite file otherwise) and one real
 * redis-server: a session ended on one is refused by the other as soon as the news arrives, and while
 * Redis is down the ledger decides, never an old copy.
 */
describeRedis('ended sessions across replicas through Redis', () => {
  let redis: RedisServer;
  let database: TestDatabase | undefined;
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    redis = await startRedisServer();
    database = testDatabaseKind === 'postgres' ? await createTestDatabase() : undefined;
    const ledger = database?.env ?? {
      SQLITE_PATH: join(mkdtempSync(join(tmpdir(), 'paygraph-revocations-')), 'ledger.sqlite'),
    };
    const env = {
      ...ledger,
      REDIS_URL: redis.url,
      SESSION_SIGNING_KEY: generateSigningKeyPem(),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    first = await startTestGateway(env);
    second = await startTestGateway(env);
    await waitFor(
      () => registryOf(first).state() === 'shared' && registryOf(second).state() === 'shared',
      'both replicas listening for revocations',
      30_000,
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await database?.drop();
    await redis?.stop();
  });

  const me = (gw: TestGateway, token: string) => gw.graphql(MyAccountDocument, { first: 1 }, { token });

  it('logout on one replica: the other refuses the session once the news arrives', async () => {
    const { token, principal } = await registeredUser(first);
    expect((await me(second, token)).body.errors).toBeUndefined();
    const news = heard(second, (revocation) => revocation.principal === principal);
    expect((await first.graphql(LogoutDocument, {}, { token })).body.data!.logout.ended).toBe(true);
    expect(await news).toMatchObject({ kind: 'session', principal });
    const refused = await me(second, token);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('endAllSessions on one replica: the other refuses every earlier session, and takes the fresh one', async () => {
    const { phone, token, principal } = await registeredUser(first);
    const login = await first.graphql(LoginUserDocument, { input: { phone, password: 'first-Pass1' } });
    const laptop = login.body.data!.loginUser.session!.token;
    expect((await me(second, laptop)).body.errors).toBeUndefined();
    const news = heard(second, (revocation) => revocation.principal === principal);
    const ended = await first.graphql(EndAllSessionsDocument, {}, { token });
    const fresh = ended.body.data!.endAllSessions.session!.token;
    expect(await news).toMatchObject({ kind: 'credential-version', principal });
    expect((await me(second, laptop)).status).toBe(401);
    expect((await me(second, token)).status).toBe(401);
    expect((await me(second, fresh)).body.errors).toBeUndefined();
  });

  it('with Redis down, the ledger decides: a logout on one replica is refused on the other', async () => {
    const { token } = await registeredUser(first);
    expect((await me(second, token)).body.errors).toBeUndefined();
    await redis.stop();
    await waitFor(
      () => registryOf(first).state() === 'degraded' && registryOf(second).state() === 'degraded',
      'both replicas to notice Redis is gone',
      30_000,
    );
    expect((await first.graphql(LogoutDocument, {}, { token })).body.data!.logout.ended).toBe(true);
    expect((await me(second, token)).status).toBe(401);

    await redis.start();
    await waitFor(
      () => registryOf(first).state() === 'shared' && registryOf(second).state() === 'shared',
      'both replicas back on Redis',
      30_000,
    );
    // Redis came back empty; neither the copy it rebuilds nor the replicas' own bring the session back.
    expect((await me(second, token)).status).toBe(401);
    expect((await me(first, token)).status).toBe(401);
  });
});

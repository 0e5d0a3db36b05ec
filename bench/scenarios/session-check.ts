/**
 * What refusing ended sessions costs a request: gateway sessions verified over and over, in one process,
 * with and without the check of the user's credential version and ended sessions. The check's ledger is
 * an in-memory SQLite; its per-process copy is warm in the common case (as in the gateway, each user's is
 * loaded again once a second), and cold (a ledger read per check) to show what the copy saves. Verification from scratch (no
 * verified-token cache) is measured beside it for scale. Self-contained: no gateway, no network.
 *
 * Alone: `node --import @swc-node/register/esm-register bench/scenarios/session-check.ts` (BENCH_QUICK=1
 * for a short pass).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPem } from '../../src/config/sandbox-session-secrets.js';
import { DataCipher } from '../../src/crypto/data-cipher.js';
import type { SessionValidity } from '../../src/domain/ports/session-revocations.js';
import { Provider } from '../../src/domain/provider.js';
import { UserStatus } from '../../src/domain/user-status.js';
import { migrateToLatest, openDatabase } from '../../src/ledger/database.js';
import { UserSessionStates, UsersRepository } from '../../src/ledger/users.repository.js';
import { BearerVerifier } from '../../src/server/auth/bearer-verifier.js';
import { SessionService } from '../../src/sessions/session-service.js';
import { InProcessSessionRevocations } from '../../src/shared-state/in-process-session-revocations.js';
import { median } from '../lib/stats.js';

export interface SessionCheckRow {
  variant: string;
  /** Median over the rounds of the mean time of one `verify`, in microseconds. */
  microsPerVerification: number;
  /** Loads of user state from the ledger per verification (0 when the check is off). */
  ledgerReadsPerVerification: number;
}

export interface SessionCheckResults {
  users: number;
  sessions: number;
  verificationsPerRound: number;
  rounds: number;
  rows: SessionCheckRow[];
}

const USERS = 200;
const SESSIONS_PER_USER = 5;

/** Counts the ledger reads behind a check. */
class CountedStates extends UserSessionStates {
  reads = 0;
  override load(principal: string) {
    this.reads += 1;
    return super.load(principal);
  }
}

export async function runSessionCheck(
  plan: { quick: boolean },
  log: (line: string) => void,
): Promise<SessionCheckResults> {
  const passes = plan.quick ? 5 : 40;
  const rounds = plan.quick ? 2 : 5;
  const db = openDatabase({ kind: 'sqlite', path: ':memory:' });
  await migrateToLatest(db);
  try {
    const users = new UsersRepository(db, new DataCipher(randomBytes(32)));
    const sessions = await SessionService.create({
      signingKeyPem: generateSigningKeyPem(),
      previousSigningKeysPem: [],
      dataEncryptionKey: randomBytes(32),
      previousDataEncryptionKeys: [],
      issuer: 'paygraph',
      audience: 'paygraph',
      ttlSeconds: 3600,
    });
    const tokens: string[] = [];
    for (let index = 0; index < USERS; index += 1) {
      const user = await users.upsert(Provider.ENAYAPAY, `2499${String(10_000_000 + index)}`, {
        name: 'bench',
        status: UserStatus.ACTIVE,
      });
      for (let session = 0; session < SESSIONS_PER_USER; session += 1) {
        tokens.push((await sessions.issue(user.principal, { credentialVersion: 0 })).token);
      }
    }

    const alwaysInForce: SessionValidity = { isInForce: () => Promise.resolve(true) };
    const variants: {
      variant: string;
      cacheSize?: number;
      check: () => CountedStates | undefined;
      ttlMs?: number;
    }[] = [
      { variant: 'token cache warm, no version check', check: () => undefined },
      { variant: 'token cache warm, version check (copy warm)', check: () => new CountedStates(db) },
      {
        variant: 'token cache warm, version check (copy cold: ledger each time)',
        check: () => new CountedStates(db),
        ttlMs: 0,
      },
      { variant: 'from scratch (no token cache), no version check', cacheSize: 0, check: () => undefined },
      {
        variant: 'from scratch (no token cache), version check (copy warm)',
        cacheSize: 0,
        check: () => new CountedStates(db),
      },
    ];
    const rows: SessionCheckRow[] = [];
    for (const { variant, cacheSize, check, ttlMs } of variants) {
      const states = check();
      const validity = states
        ? new InProcessSessionRevocations(states, ttlMs === undefined ? {} : { ttlMs })
        : alwaysInForce;
      const verifier = new BearerVerifier({}, { cacheSize: cacheSize ?? 2 * tokens.length });
      verifier.addSessionKeys(sessions.keys, validity);
      for (const token of tokens) await verifier.verify(token); // warm: token cache and state copy
      const readsBefore = states?.reads ?? 0;
      const perRound: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const started = process.hrtime.bigint();
        for (let pass = 0; pass < passes; pass += 1) {
          for (const token of tokens) await verifier.verify(token);
        }
        perRound.push(Number(process.hrtime.bigint() - started) / 1000 / (passes * tokens.length));
      }
      const reads = (states?.reads ?? 0) - readsBefore;
      const row = {
        variant,
        microsPerVerification: median(perRound),
        ledgerReadsPerVerification: reads / (rounds * passes * tokens.length),
      };
      rows.push(row);
      log(
        `session check: ${variant}: ${row.microsPerVerification.toFixed(2)} µs per verification, ` +
          `${row.ledgerReadsPerVerification.toFixed(3)} ledger reads per verification`,
      );
    }
    return {
      users: USERS,
      sessions: tokens.length,
      verificationsPerRound: passes * tokens.length,
      rounds,
      rows,
    };
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runSessionCheck({ quick: process.env.BENCH_QUICK === '1' }, console.log);
  console.log(JSON.stringify(results, null, 2));
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DatabaseConfig } from './database.config.js';

/**
 * Sandbox mode without AUTH_JWT_SECRET: a random secret kept beside the SQLite ledger (mode 0600), so
 * tokens printed at start and by `npm run token` stay valid across restarts. An in-memory ledger gets a
 * fresh secret each start.
 */
export function ensureSandboxAuthSecret(database: DatabaseConfig): string {
  if (database.kind !== 'sqlite' || database.path === ':memory:')
    return randomBytes(32).toString('base64url');
  const file = join(dirname(database.path), 'sandbox-auth.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

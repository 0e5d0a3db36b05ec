import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DatabaseConfig } from './database.config.js';

export interface SessionSecrets {
  /** PKCS#8 PEM of an EC P-256 private key. */
  signingKeyPem: string;
  /** Base64 of 32 random bytes. */
  dataEncryptionKey: string;
}

/**
 * Sandbox mode without SESSION_SIGNING_KEY / DATA_ENCRYPTION_KEY: generated, and kept beside the SQLite
 * ledger (mode 0600) so that sessions and the encrypted provider tokens in the users table survive a
 * restart. An in-memory ledger gets fresh ones each start.
 */
export function ensureSandboxSessionSecrets(database: DatabaseConfig): SessionSecrets {
  const persistent = database.kind === 'sqlite' && database.path !== ':memory:';
  const directory = persistent ? dirname(database.path) : undefined;
  return {
    signingKeyPem: kept(directory, 'sandbox-session-signing-key.pem', generateSigningKeyPem),
    dataEncryptionKey: kept(directory, 'sandbox-data-encryption.key', () =>
      randomBytes(32).toString('base64'),
    ),
  };
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

function kept(directory: string | undefined, name: string, generate: () => string): string {
  if (!directory) return generate();
  const file = join(directory, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(directory, { recursive: true });
  const value = generate().trim();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return value;
}

import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { type DatabaseConfig } from './database.config.js';
import { ensureSandboxSessionSecrets } from './sandbox-session-secrets.js';
import { ConfigError } from './config-error.js';
import { readPositiveInt, type Env } from './provider-section.js';

export interface SessionConfig {
  /** PKCS#8 PEM of the EC P-256 key that signs end-user sessions (ES256). */
  signingKeyPem: string;
  /**
   * SPKI PEMs of keys that signed sessions before a rotation (SESSION_SIGNING_KEY_PREVIOUS): their
   * sessions still verify and their public keys stay in the JWKS, but nothing new is signed with them.
   */
  previousSigningKeysPem: string[];
  /** 32 bytes; encrypts provider user tokens at rest (AES-256-GCM). */
  dataEncryptionKey: Uint8Array;
  /** Keys in use before a rotation (DATA_ENCRYPTION_KEY_PREVIOUS): they still decrypt, never encrypt. */
  previousDataEncryptionKeys: Uint8Array[];
  /** `iss` and `aud` of the sessions this gateway issues and accepts. */
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

/**
 * End-user sessions (EnayaPay accounts). Sandbox: keys generated when absent. Live: required when
 * EnayaPay is configured; both absent otherwise → undefined (no account features); one without the
 * other → error naming the missing variable. Values never appear in errors.
 */
export function readSessionConfig(
  env: Env,
  mode: 'sandbox' | 'live',
  database: DatabaseConfig,
): SessionConfig | undefined {
  let signingKey = readPem(env.SESSION_SIGNING_KEY);
  let encryptionKey = env.DATA_ENCRYPTION_KEY?.trim() || undefined;
  if (mode === 'sandbox' && (!signingKey || !encryptionKey)) {
    const generated = ensureSandboxSessionSecrets(database);
    signingKey ??= generated.signingKeyPem;
    encryptionKey ??= generated.dataEncryptionKey;
  }
  const enayaPayConfigured = Boolean(env.ENAYAPAY_BASE_URL?.trim() || env.ENAYAPAY_API_KEY?.trim());
  if (!signingKey && !encryptionKey && !enayaPayConfigured) return undefined;
  const when = enayaPayConfigured ? 'when EnayaPay is configured' : undefined;
  if (!signingKey)
    throw new ConfigError(`SESSION_SIGNING_KEY is required ${when ?? 'with DATA_ENCRYPTION_KEY'}`);
  if (!encryptionKey)
    throw new ConfigError(`DATA_ENCRYPTION_KEY is required ${when ?? 'with SESSION_SIGNING_KEY'}`);
  return {
    signingKeyPem: checkSigningKey(signingKey),
    previousSigningKeysPem: readPreviousSigningKeys(env.SESSION_SIGNING_KEY_PREVIOUS),
    dataEncryptionKey: readEncryptionKey(encryptionKey, 'DATA_ENCRYPTION_KEY'),
    previousDataEncryptionKeys: readPreviousEncryptionKeys(env.DATA_ENCRYPTION_KEY_PREVIOUS),
    issuer: env.SESSION_ISSUER?.trim() || 'paygraph',
    audience: env.SESSION_AUDIENCE?.trim() || 'paygraph',
    ttlSeconds: readPositiveInt(env, 'SESSION_TTL_SECONDS', 12 * 60 * 60),
  };
}

/**
 * The data keyring alone (DATA_ENCRYPTION_KEY and DATA_ENCRYPTION_KEY_PREVIOUS), for tools that open
 * sealed values without serving sessions, such as the re-encryption command.
 */
export function readDataEncryptionKeys(env: Env): { current: Uint8Array; previous: Uint8Array[] } {
  const current = env.DATA_ENCRYPTION_KEY?.trim();
  if (!current) throw new ConfigError('DATA_ENCRYPTION_KEY is required');
  return {
    current: readEncryptionKey(current, 'DATA_ENCRYPTION_KEY'),
    previous: readPreviousEncryptionKeys(env.DATA_ENCRYPTION_KEY_PREVIOUS),
  };
}

/** PEM from the environment; single-line values with literal "\n" (common in .env files) are accepted. */
function readPem(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed.replace(/\\n/g, '\n') : undefined;
}

/** Checks the key is EC P-256 and returns it as PKCS#8 (a SEC1 "EC PRIVATE KEY" PEM is accepted too). */
function checkSigningKey(pem: string): string {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError('SESSION_SIGNING_KEY must be a PEM private key');
  }
  checkCurve(key, 'SESSION_SIGNING_KEY');
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * One or more PEM blocks, one after the other: the private keys that signed earlier sessions (or their
 * public halves). Only the public half is kept.
 */
function readPreviousSigningKeys(value: string | undefined): string[] {
  const pem = readPem(value);
  if (!pem) return [];
  const blocks = pem.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError('SESSION_SIGNING_KEY_PREVIOUS must hold PEM keys');
  return blocks.map((block) => {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new ConfigError('SESSION_SIGNING_KEY_PREVIOUS must hold PEM keys');
    }
    checkCurve(key, 'SESSION_SIGNING_KEY_PREVIOUS');
    return key.export({ format: 'pem', type: 'spki' }).toString();
  });
}

function checkCurve(key: KeyObject, name: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigError(`${name} must be an EC P-256 key (ES256)`);
  }
}

function readEncryptionKey(value: string, name: string): Uint8Array {
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) throw new ConfigError(`${name} must be 32 bytes, base64-encoded`);
  return new Uint8Array(bytes);
}

/** Earlier data keys, separated by commas or white space, newest first. */
function readPreviousEncryptionKeys(value: string | undefined): Uint8Array[] {
  const keys = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return keys.map((key) => readEncryptionKey(key, 'DATA_ENCRYPTION_KEY_PREVIOUS'));
}

import type { KeyObject } from 'node:crypto';
import { loadPrivateKey, loadPublicKey, SigningKeyError, type EventualKey } from '../crypto/signing.js';
import { ConfigError } from './config-error.js';
import { readPositiveInt, readProviderSection, readUrl, type Env } from './provider-section.js';

export interface NchlConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** The NPI user id, last element of the create-request token string. */
  userId: string;
  /** Our private key: signs the `token` of create-request (loaded at start-up when configured). */
  signingKey: EventualKey;
  /** NCHL's public key (from NCHL_PUBLIC_CERT): verifies the `token` of inbound notifications. */
  notificationPublicKey: EventualKey;
  /** Basic credentials NCHL must present on our notification endpoint. */
  notifyUsername: string;
  notifyPassword: string;
  timeoutMs: number;
  /** Renew the access token this long before it expires (and the refresh token before its expiry). */
  tokenRefreshSkewMs: number;
  /** A withdrawal still open this long after its last change is checked against NCHL's report. */
  reconcileAfterMs: number;
  /** How often the reconciler looks for such withdrawals. */
  reconcileIntervalMs: number;
}

const REQUIRED = [
  'NCHL_BASE_URL',
  'NCHL_CLIENT_ID',
  'NCHL_CLIENT_SECRET',
  'NCHL_USERNAME',
  'NCHL_PASSWORD',
  'NCHL_USER_ID',
  'NCHL_SIGNING_KEY',
  'NCHL_PUBLIC_CERT',
  'NCHL_NOTIFY_USERNAME',
  'NCHL_NOTIFY_PASSWORD',
] as const;

const OPTIONAL = [
  'NCHL_SIGNING_KEY_PASSPHRASE',
  'NCHL_TIMEOUT_MS',
  'NCHL_TOKEN_REFRESH_SKEW_SECONDS',
  'NCHL_RECONCILE_AFTER_SECONDS',
  'NCHL_RECONCILE_INTERVAL_SECONDS',
] as const;

/**
 * NCHL NPI settings, or undefined when none of its variables is set. NCHL_SIGNING_KEY is PEM text or the
 * path of a PEM or PKCS#12 (.p12/.pfx) file; NCHL_PUBLIC_CERT is PEM text or the path of a certificate.
 * Keys are loaded here so that a wrong path or passphrase stops start-up with the variable's name.
 */
export function readNchlConfig(env: Env): NchlConfig | undefined {
  const section = readProviderSection(env, 'NCHL', REQUIRED, OPTIONAL);
  if (!section) return undefined;
  return {
    baseUrl: readUrl('NCHL_BASE_URL', section.NCHL_BASE_URL),
    clientId: section.NCHL_CLIENT_ID,
    clientSecret: section.NCHL_CLIENT_SECRET,
    username: section.NCHL_USERNAME,
    password: section.NCHL_PASSWORD,
    userId: section.NCHL_USER_ID,
    signingKey: readKey('NCHL_SIGNING_KEY', () =>
      loadPrivateKey(unescapeNewlines(section.NCHL_SIGNING_KEY), section.NCHL_SIGNING_KEY_PASSPHRASE),
    ),
    notificationPublicKey: readKey('NCHL_PUBLIC_CERT', () =>
      loadPublicKey(unescapeNewlines(section.NCHL_PUBLIC_CERT)),
    ),
    notifyUsername: section.NCHL_NOTIFY_USERNAME,
    notifyPassword: section.NCHL_NOTIFY_PASSWORD,
    timeoutMs: readPositiveInt(env, 'NCHL_TIMEOUT_MS', 15_000),
    tokenRefreshSkewMs: readPositiveInt(env, 'NCHL_TOKEN_REFRESH_SKEW_SECONDS', 30) * 1000,
    reconcileAfterMs: readPositiveInt(env, 'NCHL_RECONCILE_AFTER_SECONDS', 300) * 1000,
    reconcileIntervalMs: readPositiveInt(env, 'NCHL_RECONCILE_INTERVAL_SECONDS', 60) * 1000,
  };
}

function readKey(name: string, load: () => KeyObject): KeyObject {
  try {
    return load();
  } catch (error) {
    if (error instanceof SigningKeyError) throw new ConfigError(`${name}: ${error.message}`);
    throw error;
  }
}

/** PEM given inline in one-line environment files carries its line breaks as "\n". */
function unescapeNewlines(value: string): string {
  return value.includes('-----BEGIN ') ? value.replace(/\\n/g, '\n') : value;
}

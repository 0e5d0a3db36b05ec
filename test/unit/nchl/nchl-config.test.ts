import { createPublicKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/config-error.js';
import { readNchlConfig } from '../../../src/config/nchl.config.js';
import { signSha256WithRsa, verifySha256WithRsa } from '../../../src/crypto/signing.js';
import {
  generateSandboxKeyPair,
  toPkcs12,
  type SandboxKeyPair,
} from '../../../src/sandbox/nchl/nchl.keys.js';

describe('readNchlConfig', () => {
  let ours: SandboxKeyPair;
  let nchl: SandboxKeyPair;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    ours = generateSandboxKeyPair('ours');
    nchl = generateSandboxKeyPair('nchl');
    dir = mkdtempSync(join(tmpdir(), 'paygraph-nchl-config-'));
    env = {
      NCHL_BASE_URL: 'https://npi.example.com/npi/',
      NCHL_CLIENT_ID: 'client',
      NCHL_CLIENT_SECRET: 'client-secret-value',
      NCHL_USERNAME: 'user',
      NCHL_PASSWORD: 'password-value',
      NCHL_USER_ID: 'NPIUSER',
      NCHL_SIGNING_KEY: ours.privateKeyPem.replace(/\n/g, '\\n'),
      NCHL_PUBLIC_CERT: nchl.certificatePem,
      NCHL_NOTIFY_USERNAME: 'nchl',
      NCHL_NOTIFY_PASSWORD: 'notify-password-value',
    };
  });

  it('is undefined when no NCHL variable is set (provider disabled)', () => {
    expect(readNchlConfig({})).toBeUndefined();
  });

  it('names the first missing variable when NCHL is partly configured', () => {
    const { NCHL_PUBLIC_CERT: _omitted, ...partial } = env;
    expect(() => readNchlConfig(partial)).toThrow(
      new ConfigError('NCHL_PUBLIC_CERT is required when NCHL is configured'),
    );
  });

  it('reads inline PEM (with escaped line breaks) and defaults', async () => {
    const config = readNchlConfig(env)!;
    expect(config.baseUrl).toBe('https://npi.example.com/npi');
    expect(config).toMatchObject({
      timeoutMs: 15_000,
      tokenRefreshSkewMs: 30_000,
      reconcileAfterMs: 300_000,
    });
    const signature = signSha256WithRsa(await config.signingKey, 'm');
    expect(verifySha256WithRsa(createPublicKey(ours.publicKeyPem), 'm', signature)).toBe(true);
    expect((await config.notificationPublicKey).export({ type: 'spki', format: 'pem' })).toBe(
      nchl.publicKeyPem,
    );
  });

  it('reads the signing key from a PKCS#12 file with its passphrase', async () => {
    const path = join(dir, 'npi.pfx');
    writeFileSync(path, toPkcs12(ours, 'pfx-passphrase-value'));
    const config = readNchlConfig({
      ...env,
      NCHL_SIGNING_KEY: path,
      NCHL_SIGNING_KEY_PASSPHRASE: 'pfx-passphrase-value',
    })!;
    const signature = signSha256WithRsa(await config.signingKey, 'm');
    expect(verifySha256WithRsa(createPublicKey(ours.publicKeyPem), 'm', signature)).toBe(true);
  });

  it('stops with an error naming the variable, never its value, when the key cannot be opened', () => {
    const path = join(dir, 'locked.p12');
    writeFileSync(path, toPkcs12(ours, 'the-right-one'));
    let caught: unknown;
    try {
      readNchlConfig({ ...env, NCHL_SIGNING_KEY: path, NCHL_SIGNING_KEY_PASSPHRASE: 'a-wrong-one' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toMatch(/^NCHL_SIGNING_KEY: /);
    expect((caught as Error).message).not.toContain('a-wrong-one');
    expect(() => readNchlConfig({ ...env, NCHL_PUBLIC_CERT: join(dir, 'absent.crt') })).toThrow(
      /^NCHL_PUBLIC_CERT: /,
    );
  });

  it('refuses a non-numeric timeout and a base URL that is not http(s)', () => {
    expect(() => readNchlConfig({ ...env, NCHL_TIMEOUT_MS: 'soon' })).toThrow(
      'NCHL_TIMEOUT_MS must be a positive integer',
    );
    expect(() => readNchlConfig({ ...env, NCHL_BASE_URL: 'ftp://npi' })).toThrow(
      'NCHL_BASE_URL must be an http(s) URL',
    );
  });
});

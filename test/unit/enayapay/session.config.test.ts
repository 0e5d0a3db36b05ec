import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { readSessionConfig } from '../../../src/config/session.config.js';
import { generateSigningKeyPem } from '../../../src/config/sandbox-session-secrets.js';

const memory = { kind: 'sqlite', path: ':memory:' } as const;
const key = () => randomBytes(32).toString('base64');

describe('session configuration', () => {
  it('sandbox: generates keys when absent, and keeps them beside a SQLite file across restarts', () => {
    expect(readSessionConfig({}, 'sandbox', memory)?.dataEncryptionKey).toHaveLength(32);
    const directory = mkdtempSync(join(tmpdir(), 'paygraph-sessions-'));
    const database = { kind: 'sqlite', path: join(directory, 'ledger.sqlite') } as const;
    const first = readSessionConfig({}, 'sandbox', database);
    const second = readSessionConfig({}, 'sandbox', database);
    expect(second?.signingKeyPem).toBe(first?.signingKeyPem);
    expect(second?.dataEncryptionKey).toEqual(first?.dataEncryptionKey);
    expect(statSync(join(directory, 'sandbox-session-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(directory, 'sandbox-data-encryption.key'), 'utf8').trim()).toMatch(
      /^[A-Za-z0-9+/]+=*$/,
    );
  });

  it('live: nothing configured and no EnayaPay → no sessions', () => {
    expect(readSessionConfig({}, 'live', memory)).toBeUndefined();
  });

  it('live: EnayaPay needs both keys, and the error names the missing variable only', () => {
    const enayapay = { ENAYAPAY_BASE_URL: 'https://x/api/v2.1', ENAYAPAY_API_KEY: 'k' };
    expect(() => readSessionConfig(enayapay, 'live', memory)).toThrow(
      'SESSION_SIGNING_KEY is required when EnayaPay is configured',
    );
    expect(() =>
      readSessionConfig({ ...enayapay, SESSION_SIGNING_KEY: generateSigningKeyPem() }, 'live', memory),
    ).toThrow('DATA_ENCRYPTION_KEY is required when EnayaPay is configured');
  });

  it('accepts a PEM with literal \\n and a SEC1 key, normalized to PKCS#8', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const sec1 = privateKey.export({ format: 'pem', type: 'sec1' }).toString().replace(/\n/g, '\\n');
    const config = readSessionConfig(
      { SESSION_SIGNING_KEY: sec1, DATA_ENCRYPTION_KEY: key() },
      'live',
      memory,
    );
    expect(config?.signingKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
    expect(config).toMatchObject({ issuer: 'paygraph', audience: 'paygraph', ttlSeconds: 43_200 });
  });

  it('refuses a key that is not EC P-256 and an encryption key that is not 32 bytes, without echoing them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ format: 'pem', type: 'pkcs8' })
      .toString();
    expect(() =>
      readSessionConfig({ SESSION_SIGNING_KEY: rsa, DATA_ENCRYPTION_KEY: key() }, 'live', memory),
    ).toThrow('SESSION_SIGNING_KEY must be an EC P-256 key (ES256)');
    expect(() =>
      readSessionConfig({ SESSION_SIGNING_KEY: 'not a pem', DATA_ENCRYPTION_KEY: key() }, 'live', memory),
    ).toThrow(/^SESSION_SIGNING_KEY must be a PEM private key$/);
    const short = randomBytes(16).toString('base64');
    const error = (() => {
      try {
        readSessionConfig(
          { SESSION_SIGNING_KEY: generateSigningKeyPem(), DATA_ENCRYPTION_KEY: short },
          'live',
          memory,
        );
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toBe('DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    expect(error?.message).not.toContain(short);
  });
});

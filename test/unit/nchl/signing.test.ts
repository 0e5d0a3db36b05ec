import { spawnSync } from 'node:child_process';
import { createPublicKey, createPrivateKey } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  loadPrivateKey,
  loadPublicKey,
  SigningKeyError,
  signSha256WithRsa,
  verifySha256WithRsa,
} from '../../../src/crypto/signing.js';
import {
  generateSandboxKeyPair,
  toPkcs12,
  type SandboxKeyPair,
} from '../../../src/sandbox/nchl/nchl.keys.js';

const MESSAGE = '9813000001,b39a8e6f-d022-49e2-b21e-452178ad2746,5000,PAYGRAPH01';

describe('RSA signing helpers', () => {
  let pair: SandboxKeyPair;
  let dir: string;

  beforeAll(() => {
    pair = generateSandboxKeyPair('signing-test');
    dir = mkdtempSync(join(tmpdir(), 'paygraph-signing-'));
  });

  const verifiesWithPair = (signature: string) =>
    verifySha256WithRsa(createPublicKey(pair.publicKeyPem), MESSAGE, signature);

  it('signs SHA256withRSA in Base64 that the public key verifies, and refuses a changed message', () => {
    const signature = signSha256WithRsa(loadPrivateKey(pair.privateKeyPem), MESSAGE);
    expect(signature).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(signature, 'base64')).toHaveLength(256);
    expect(verifiesWithPair(signature)).toBe(true);
    expect(verifySha256WithRsa(createPublicKey(pair.publicKeyPem), `${MESSAGE}0`, signature)).toBe(false);
  });

  it('is deterministic (PKCS#1 v1.5), as the document expects of SHA256withRSA', () => {
    const key = loadPrivateKey(pair.privateKeyPem);
    expect(signSha256WithRsa(key, MESSAGE)).toBe(signSha256WithRsa(key, MESSAGE));
  });

  it('treats a malformed or foreign signature as invalid instead of throwing', () => {
    const publicKey = createPublicKey(pair.publicKeyPem);
    expect(verifySha256WithRsa(publicKey, MESSAGE, '')).toBe(false);
    expect(verifySha256WithRsa(publicKey, MESSAGE, 'not base64 !')).toBe(false);
    const other = generateSandboxKeyPair('other');
    expect(
      verifySha256WithRsa(
        publicKey,
        MESSAGE,
        signSha256WithRsa(createPrivateKey(other.privateKeyPem), MESSAGE),
      ),
    ).toBe(false);
  });

  it('loads a key from a PEM file and from an encrypted PEM with its passphrase', () => {
    const plain = join(dir, 'key.pem');
    writeFileSync(plain, pair.privateKeyPem);
    expect(verifiesWithPair(signSha256WithRsa(loadPrivateKey(plain), MESSAGE))).toBe(true);

    const encrypted = createPrivateKey(pair.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pem pass' })
      .toString();
    expect(verifiesWithPair(signSha256WithRsa(loadPrivateKey(encrypted, 'pem pass'), MESSAGE))).toBe(true);
    expect(() => loadPrivateKey(encrypted, 'wrong')).toThrow(SigningKeyError);
  });

  it.each(['key.p12', 'key.pfx', 'key.bin'])(
    'loads the key of a PKCS#12 file (%s) opened with its passphrase',
    (name) => {
      const path = join(dir, name);
      writeFileSync(path, toPkcs12(pair, 'p12 passphrase'));
      const key = loadPrivateKey(path, 'p12 passphrase');
      expect(key.asymmetricKeyType).toBe('rsa');
      expect(verifiesWithPair(signSha256WithRsa(key, MESSAGE))).toBe(true);
    },
  );

  it('refuses a PKCS#12 file with a wrong passphrase, without naming the passphrase', () => {
    const path = join(dir, 'wrong.p12');
    writeFileSync(path, toPkcs12(pair, 'right passphrase'));
    let caught: unknown;
    try {
      loadPrivateKey(path, 'guessed passphrase');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SigningKeyError);
    expect((caught as Error).message).toMatch(/PKCS#12/);
    expect((caught as Error).message).not.toContain('passphrase guessed');
    expect((caught as Error).message).not.toContain('guessed passphrase');
  });

  it('refuses a missing file and a file that is no key', () => {
    expect(() => loadPrivateKey(join(dir, 'absent.p12'), 'x')).toThrow('the key file could not be read');
    const junk = join(dir, 'junk.p12');
    writeFileSync(junk, 'not a key at all');
    expect(() => loadPrivateKey(junk, 'x')).toThrow(SigningKeyError);
  });

  it('loads a public key from a certificate (PEM or DER file) and from a PEM public key', () => {
    const signature = signSha256WithRsa(createPrivateKey(pair.privateKeyPem), MESSAGE);
    const certFile = join(dir, 'nchl.crt');
    writeFileSync(certFile, pair.certificatePem);
    const derFile = join(dir, 'nchl.cer');
    const der = Buffer.from(pair.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    writeFileSync(derFile, der);
    for (const source of [pair.certificatePem, certFile, derFile, pair.publicKeyPem]) {
      expect(verifySha256WithRsa(loadPublicKey(source), MESSAGE, signature)).toBe(true);
    }
    expect(() => loadPublicKey('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(
      SigningKeyError,
    );
  });
});

const hasOpenSsl = spawnSync('openssl', ['version']).status === 0;

/** Banks issue .pfx files made by OpenSSL or Java keytool, not by node-forge: check one made by OpenSSL. */
(hasOpenSsl ? describe : describe.skip)('PKCS#12 files made by OpenSSL', () => {
  it.each([
    ['current defaults (AES-256, PBKDF2, SHA-256 MAC)', []],
    ['legacy algorithms (3DES, RC2)', ['-legacy']],
  ])('loads a key exported with %s', (_case, extra) => {
    const pair = generateSandboxKeyPair('openssl');
    const dir = mkdtempSync(join(tmpdir(), 'paygraph-openssl-'));
    writeFileSync(join(dir, 'key.pem'), pair.privateKeyPem);
    writeFileSync(join(dir, 'cert.pem'), pair.certificatePem);
    const exported = spawnSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        ...extra,
        '-inkey',
        'key.pem',
        '-in',
        'cert.pem',
        '-out',
        'key.pfx',
        '-passout',
        'pass:bank issued',
      ],
      { cwd: dir },
    );
    if (exported.status !== 0 && extra.length > 0) return; // this OpenSSL build has no legacy provider
    expect(exported.status).toBe(0);
    const signature = signSha256WithRsa(loadPrivateKey(join(dir, 'key.pfx'), 'bank issued'), MESSAGE);
    expect(verifySha256WithRsa(loadPublicKey(pair.certificatePem), MESSAGE, signature)).toBe(true);
  });
});

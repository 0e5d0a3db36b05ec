import { createPrivateKey, createPublicKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type forgeModule from 'node-forge';

/**
 * A key that could not be loaded. Its message says why in our words and never carries the key, the
 * passphrase or the library's own text (which may quote input).
 */
export class SigningKeyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigningKeyError';
  }
}

const PEM_MARKER = '-----BEGIN ';
const PKCS12_EXTENSIONS = /\.(p12|pfx)$/i;

/**
 * Loads an RSA private key from inline PEM text, a PEM file, or a PKCS#12 (.p12/.pfx) file.
 * `passphrase` opens an encrypted PEM or the PKCS#12 file.
 */
export function loadPrivateKey(source: string, passphrase?: string): KeyObject {
  if (source.includes(PEM_MARKER)) return privateKeyFromPem(source, passphrase);
  const content = readKeyFile(source);
  if (PKCS12_EXTENSIONS.test(source) || !content.toString('latin1').includes(PEM_MARKER)) {
    return privateKeyFromPkcs12(content, passphrase);
  }
  return privateKeyFromPem(content.toString('utf8'), passphrase);
}

/**
 * Loads a public key from inline PEM text or a file: an X.509 certificate (PEM or DER) or a PEM
 * public key.
 */
export function loadPublicKey(source: string): KeyObject {
  const content = source.includes(PEM_MARKER) ? Buffer.from(source, 'utf8') : readKeyFile(source);
  try {
    if (content.includes('-----BEGIN CERTIFICATE-----') || !content.toString('latin1').includes(PEM_MARKER)) {
      return new X509Certificate(content).publicKey;
    }
    return createPublicKey(content);
  } catch (cause) {
    throw new SigningKeyError('the public key or certificate could not be read', { cause });
  }
}

/** Reads a private key out of PKCS#12 bytes (Node's crypto reads only PEM and DER keys). */
export function privateKeyFromPkcs12(der: Buffer, passphrase = ''): KeyObject {
  const forge = loadForge();
  let pfx: forgeModule.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase);
  } catch (cause) {
    throw new SigningKeyError('the PKCS#12 file could not be opened (wrong passphrase or not PKCS#12)', {
      cause,
    });
  }
  const bags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ??
      []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const key = bags.find((bag) => bag.key)?.key;
  if (!key) throw new SigningKeyError('the PKCS#12 file holds no private key');
  try {
    return createPrivateKey(forge.pki.privateKeyToPem(key));
  } catch (cause) {
    throw new SigningKeyError('the private key in the PKCS#12 file is not a usable RSA key', { cause });
  }
}

/**
 * A key, or one still being generated: the sandbox serves before its RSA keys exist, and whatever signs
 * or verifies with one waits for it there.
 */
export type EventualKey = KeyObject | PromiseLike<KeyObject>;

/** Base64 of the SHA256withRSA (PKCS#1 v1.5) signature of `message`, UTF-8 encoded. */
export function signSha256WithRsa(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

/** Whether `signature` (Base64) is a valid SHA256withRSA signature of `message`. Never throws. */
export function verifySha256WithRsa(publicKey: KeyObject, message: string, signature: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

function privateKeyFromPem(pem: string, passphrase: string | undefined): KeyObject {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem', passphrase });
    if (key.asymmetricKeyType !== 'rsa') throw new SigningKeyError('the private key is not an RSA key');
    return key;
  } catch (cause) {
    if (cause instanceof SigningKeyError) throw cause;
    throw new SigningKeyError('the PEM private key could not be read (wrong passphrase or not a key)', {
      cause,
    });
  }
}

function readKeyFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new SigningKeyError('the key file could not be read', { cause });
  }
}

/**
 * node-forge (CommonJS, some 300 kB), loaded only when a PKCS#12 file is opened: every gateway loads this
 * module for its signatures, and parsing forge was a measurable part of start-up.
 */
function loadForge(): typeof forgeModule {
  return createRequire(import.meta.url)('node-forge') as typeof forgeModule;
}

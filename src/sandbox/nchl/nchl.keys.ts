import { generateKeyPair, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import type forgeModule from 'node-forge';

/** An RSA key pair with a self-signed certificate, as a party of the sandbox holds it. */
export interface SandboxKeyPair {
  /** PKCS#1 PEM. */
  privateKeyPem: string;
  publicKeyPem: string;
  /** Made on first read: the sandbox itself needs only the keys, and node-forge is slow to load and sign. */
  readonly certificatePem: string;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/**
 * A fresh 2048-bit RSA key pair, generated on libuv's thread pool (off the main thread, so that a gateway
 * keeps loading meanwhile).
 */
export async function generateSandboxKeyPairAsync(commonName: string): Promise<SandboxKeyPair> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  return sandboxKeyPair(commonName, privateKey, publicKey);
}

/** The same, generated synchronously (Node's generator: forge's pure-JS one is slow). */
export function generateSandboxKeyPair(commonName: string): SandboxKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return sandboxKeyPair(commonName, privateKey, publicKey);
}

/** The PEMs of a key pair; its self-signed certificate is issued with node-forge, as a CA would, when first read. */
function sandboxKeyPair(commonName: string, privateKey: KeyObject, publicKey: KeyObject): SandboxKeyPair {
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let certificatePem: string | undefined;
  return {
    privateKeyPem,
    publicKeyPem,
    get certificatePem() {
      certificatePem ??= selfSignedCertificate(commonName, privateKeyPem, publicKeyPem);
      return certificatePem;
    },
  };
}

function selfSignedCertificate(commonName: string, privateKeyPem: string, publicKeyPem: string): string {
  const forge = loadForge();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  // A positive serial: the leading 01 keeps the DER integer's sign bit clear.
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'PayGraph sandbox' },
    { name: 'countryName', value: 'NP' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

/** The key pair as a passphrase-protected PKCS#12 file (key and certificate), as banks issue them. */
export function toPkcs12(keyPair: SandboxKeyPair, passphrase: string): Buffer {
  const forge = loadForge();
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPair.privateKeyPem),
    [forge.pki.certificateFromPem(keyPair.certificatePem)],
    passphrase,
    { algorithm: 'aes256', friendlyName: 'npi-signing' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** node-forge (CommonJS), loaded only when a certificate or a PKCS#12 file is made. */
function loadForge(): typeof forgeModule {
  return createRequire(import.meta.url)('node-forge') as typeof forgeModule;
}

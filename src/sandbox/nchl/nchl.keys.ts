import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** An RSA key pair with a self-signed certificate, as a party of the sandbox holds it. */
export interface SandboxKeyPair {
  /** PKCS#1 PEM. */
  privateKeyPem: string;
  publicKeyPem: string;
  certificatePem: string;
}

/**
 * A fresh 2048-bit RSA key pair (Node's generator: forge's pure-JS one is slow) and a self-signed
 * certificate for it, issued with node-forge as a certificate authority would.
 */
export function generateSandboxKeyPair(commonName: string): SandboxKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

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
  return { privateKeyPem, publicKeyPem, certificatePem: forge.pki.certificateToPem(certificate) };
}

/** The key pair as a passphrase-protected PKCS#12 file (key and certificate), as banks issue them. */
export function toPkcs12(keyPair: SandboxKeyPair, passphrase: string): Buffer {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPair.privateKeyPem),
    [forge.pki.certificateFromPem(keyPair.certificatePem)],
    passphrase,
    { algorithm: 'aes256', friendlyName: 'npi-signing' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

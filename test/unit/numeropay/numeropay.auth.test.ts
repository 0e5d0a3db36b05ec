import { describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { Provider } from '../../../src/domain/provider.js';
import {
  createNumeroPayTokenManager,
  NumeroPayTokenMinter,
} from '../../../src/providers/numeropay/numeropay.auth.js';
import type { ProviderMetrics } from '../../../src/domain/ports/provider-metrics.js';

/** The document's example test-mode secrets. */
const config = {
  keyId: 'sandbox.du7UghNhhhMTnYwqrEYp',
  keySecret: 'du7UghNhhhMTnYwqrEYp',
  merchantId: '17c69865-7edd-4d05-bc70-65a1b85b9322',
  tokenLifetimeSeconds: 1200,
};
const issuedAtMs = Date.UTC(2020, 9, 12, 11, 13, 31, 400);

describe('NumeroPay token minting', () => {
  it('uses exactly the header the document shows', async () => {
    const { credential } = await new NumeroPayTokenMinter(config, () => issuedAtMs).acquire();
    expect(decodeProtectedHeader(credential.token)).toStrictEqual({
      alg: 'HS256',
      type: 'JWT',
      keyid: 'sandbox.du7UghNhhhMTnYwqrEYp',
    });
  });

  it('carries scopes, iat, a 20 minute exp, the merchant issuer and the merchant id', async () => {
    const { credential, kind } = await new NumeroPayTokenMinter(config, () => issuedAtMs).acquire();
    const iat = Math.floor(issuedAtMs / 1000);
    expect(decodeJwt(credential.token)).toStrictEqual({
      scopes: ['transaction'],
      iat,
      exp: iat + 1200,
      iss: 'merchant.numeropay',
      sub: '17c69865-7edd-4d05-bc70-65a1b85b9322',
    });
    expect(credential.expiresAt).toBe((iat + 1200) * 1000);
    expect(kind).toBe('mint');
  });

  it('signs HMAC-SHA256 with the KEY_SECRET, and with nothing else', async () => {
    const { credential } = await new NumeroPayTokenMinter(config, () => issuedAtMs).acquire();
    const at = { currentDate: new Date(issuedAtMs), algorithms: ['HS256'] };
    await expect(
      jwtVerify(credential.token, new TextEncoder().encode(config.keySecret), at),
    ).resolves.toBeDefined();
    await expect(
      jwtVerify(credential.token, new TextEncoder().encode('10LuRTaAefHwMCMdKgoF'), at),
    ).rejects.toThrow();
  });

  it('caches the token and mints again shortly before exp', async () => {
    let now = issuedAtMs;
    const mints: string[] = [];
    const metrics: ProviderMetrics = {
      observeProviderCall: () => undefined,
      countTokenAcquisition: (provider, kind) => void mints.push(`${provider}:${kind}`),
    };
    const tokens = createNumeroPayTokenManager(config, metrics, () => now);
    const first = await tokens.get();
    now += 19 * 60 * 1000;
    expect(await tokens.get()).toBe(first);
    now += 40 * 1000; // 20 s before exp: inside the 30 s renewal margin
    expect(await tokens.get()).toBe(first); // still valid: served while the new one is minted
    await tokens.settled();
    const second = await tokens.get();
    expect(second).not.toBe(first);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt);
    expect(mints).toEqual([`${Provider.NUMEROPAY}:mint`, `${Provider.NUMEROPAY}:mint`]);
  });
});

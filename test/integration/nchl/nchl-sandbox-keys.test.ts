import { createPublicKey } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { verifySha256WithRsa } from '../../../src/crypto/signing.js';
import { WithdrawalStatus } from '../../../src/domain/withdrawal.js';
import { generateSandboxKeyPairAsync, type SandboxKeyPair } from '../../../src/sandbox/nchl/nchl.keys.js';
import { startNchlHarness, withdrawalRequest, type NchlHarness } from './nchl-harness.js';

const CREATE = '/api/v1/cardless/create-request';

/** Key generation held back until the test lets it finish. */
function heldKeyGeneration() {
  const asked: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const generateKeyPair = async (commonName: string): Promise<SandboxKeyPair> => {
    asked.push(commonName);
    const pair = await generateSandboxKeyPairAsync(commonName);
    await released;
    return pair;
  };
  return { asked, release, generateKeyPair };
}

describe('the NCHL sandbox serves before its RSA keys exist', () => {
  let harness: NchlHarness | undefined;
  afterEach(() => harness?.stop());

  it('starts with the keys still being made; a withdrawal asked meanwhile is signed once they exist', async () => {
    const keys = heldKeyGeneration();
    harness = await startNchlHarness({ generateKeyPair: keys.generateKeyPair });
    // Started and answering: the OAuth grant needs no key.
    expect(keys.asked).toEqual(['paygraph-sandbox']);
    const { accessToken } = await harness.dataSource.tokens.get();
    expect(accessToken).toEqual(expect.any(String));

    const id = 'b39a8e6f-d022-49e2-b21e-000000000101';
    const requested = harness.dataSource.requestWithdrawal(withdrawalRequest(id));
    keys.release();
    await requested;

    const sent = harness.simulator.requests.filter(CREATE);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body as Record<string, string>;
    const publicKey = createPublicKey((await harness.keys).thirdParty.publicKeyPem);
    const signed = `${body.mobileNumber},${id},5000,${harness.config.userId}`;
    expect(verifySha256WithRsa(publicKey, signed, body.token!)).toBe(true);
    expect((await harness.dataSource.report(id))?.status).toBe(WithdrawalStatus.REQUESTED);
  });

  it('a key that cannot be made fails the withdrawal as never sent, and the sandbox goes on serving', async () => {
    harness = await startNchlHarness({
      generateKeyPair: () => Promise.reject(new Error('no entropy')),
    });
    const id = 'b39a8e6f-d022-49e2-b21e-000000000102';
    await expect(harness.dataSource.requestWithdrawal(withdrawalRequest(id))).rejects.toMatchObject({
      code: 'PROVIDER_BAD_REQUEST',
      outcomeUnknown: false,
    });
    expect(harness.simulator.requests.filter(CREATE)).toHaveLength(0);
    expect(harness.lines.some((line) => line.includes('the NCHL sandbox keys could not be generated'))).toBe(
      true,
    );
    const { accessToken } = await harness.dataSource.tokens.get();
    expect(accessToken).toEqual(expect.any(String));
  });
});

import { randomInt, randomUUID } from 'node:crypto';

/** A merchant known to the simulator, with its live API secrets. */
export interface SandboxMerchant {
  id: string;
  businessNames: readonly string[];
  liveKeyId: string;
  liveKeySecret: string;
}

/** The key a JWT names in its header: whose it is, what signs it, and which mode it selects. */
export interface SandboxSigningKey {
  merchant: SandboxMerchant;
  secret: string;
  live: boolean;
}

/** Test mode: KEY_ID `sandbox.<live KEY_ID>`, signed with the live KEY_ID as the secret. */
export const SANDBOX_KEY_PREFIX = 'sandbox.';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class SandboxMerchantStore {
  private readonly byLiveKeyId = new Map<string, SandboxMerchant>();

  /** Registers a merchant; anything not given is generated (20-character secrets like the document's). */
  register(input: Partial<SandboxMerchant> = {}): SandboxMerchant {
    const merchant: SandboxMerchant = {
      id: input.id ?? randomUUID(),
      businessNames: input.businessNames ?? ['PayGraph Sandbox Store'],
      liveKeyId: input.liveKeyId ?? randomKey(),
      liveKeySecret: input.liveKeySecret ?? randomKey(),
    };
    if (merchant.liveKeyId.startsWith(SANDBOX_KEY_PREFIX))
      throw new Error(`a live KEY_ID cannot start with "${SANDBOX_KEY_PREFIX}"`);
    this.byLiveKeyId.set(merchant.liveKeyId, merchant);
    return merchant;
  }

  /** Resolves a header `keyid`; undefined when it names no merchant. */
  signingKey(keyId: string): SandboxSigningKey | undefined {
    if (keyId.startsWith(SANDBOX_KEY_PREFIX)) {
      const merchant = this.byLiveKeyId.get(keyId.slice(SANDBOX_KEY_PREFIX.length));
      return merchant && { merchant, secret: merchant.liveKeyId, live: false };
    }
    const merchant = this.byLiveKeyId.get(keyId);
    return merchant && { merchant, secret: merchant.liveKeySecret, live: true };
  }
}

function randomKey(): string {
  return Array.from({ length: 20 }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('');
}

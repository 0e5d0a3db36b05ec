import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Provider } from '../domain/provider.js';
import type { StoredCredential, TokenCoordinator, TokenLock } from '../domain/ports/token-coordinator.js';
import { DecryptionError, type DataCipher } from '../crypto/data-cipher.js';
import { DELETE_IF_OWNER } from './redis-scripts.js';

/** Stores the generation and the credential; refuses a generation that is not newer. */
const SAVE_IF_NEWER = `
local current = tonumber(redis.call('HGET', KEYS[1], 'generation') or '0')
if current >= tonumber(ARGV[1]) then
  return redis.call('HMGET', KEYS[1], 'generation', 'credential')
end
redis.call('HSET', KEYS[1], 'generation', ARGV[1], 'credential', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {ARGV[1], ARGV[2]}
`;

/** Shared credentials live this long after they were stored: refresh tokens outlive access tokens. */
const CREDENTIAL_TTL_MS = 48 * 60 * 60 * 1000;

/**
 * Provider credentials shared by every replica through Redis: one hash per provider (generation +
 * credential, encrypted at rest) and a renewal lock taken with SET NX PX and an owner value.
 */
export class RedisTokenCoordinator implements TokenCoordinator {
  constructor(
    private readonly redis: Redis,
    private readonly cipher: DataCipher,
    private readonly prefix = 'paygraph',
  ) {}

  async load<C>(provider: Provider): Promise<StoredCredential<C> | undefined> {
    const [generation, credential] = await this.redis.hmget(this.key(provider), 'generation', 'credential');
    try {
      return this.decode<C>(provider, generation ?? null, credential ?? null);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      // Sealed under a previous DATA_ENCRYPTION_KEY: drop it, and the next renewal stores a readable one.
      await this.redis.del(this.key(provider));
      return undefined;
    }
  }

  async tryLock(provider: Provider, leaseMs: number): Promise<TokenLock | undefined> {
    const key = `${this.prefix}:token-lock:${provider}`;
    const owner = randomUUID();
    const taken = await this.redis.set(key, owner, 'PX', leaseMs, 'NX');
    if (taken !== 'OK') return undefined;
    return {
      release: async () => {
        await this.redis.eval(DELETE_IF_OWNER, 1, key, owner);
      },
    };
  }

  async save<C>(provider: Provider, stored: StoredCredential<C>): Promise<StoredCredential<C>> {
    const sealed = this.cipher.encrypt(JSON.stringify(stored.credential), this.key(provider));
    const [generation, credential] = (await this.redis.eval(
      SAVE_IF_NEWER,
      1,
      this.key(provider),
      String(stored.generation),
      sealed,
      String(CREDENTIAL_TTL_MS),
    )) as [string | null, string | null];
    return this.decode<C>(provider, generation, credential) ?? stored;
  }

  private decode<C>(
    provider: Provider,
    generation: string | null,
    credential: string | null,
  ): StoredCredential<C> | undefined {
    if (!generation || !credential) return undefined;
    const plaintext = this.cipher.decrypt(credential, this.key(provider));
    return { generation: Number(generation), credential: JSON.parse(plaintext) as C };
  }

  private key(provider: Provider): string {
    return `${this.prefix}:token:${provider}`;
  }
}

import { ConfigError } from './config-error.js';
import type { Env } from './provider-section.js';

/** PROVIDER_HTTP_CLIENT: the HTTP library every provider transport runs on; undici by default (bench/RESULTS.md). */
export function readProviderHttpClient(env: Env): ProviderHttpClientKind {
  const value = (env.PROVIDER_HTTP_CLIENT ?? '').trim().toLowerCase() || 'undici';
  const kind = PROVIDER_HTTP_CLIENTS.find((candidate) => candidate === value);
  if (!kind) throw new ConfigError(`PROVIDER_HTTP_CLIENT must be one of ${PROVIDER_HTTP_CLIENTS.join(', ')}`);
  return kind;
}

/** The HTTP libraries a provider transport can run on (PROVIDER_HTTP_CLIENT). */
export const PROVIDER_HTTP_CLIENTS = ['got', 'undici'] as const;
export type ProviderHttpClientKind = (typeof PROVIDER_HTTP_CLIENTS)[number];

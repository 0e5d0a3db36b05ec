import { ConfigError } from './config-error.js';
import { type Env } from './provider-section.js';

export function readDatabase(env: Env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', path: env.SQLITE_PATH?.trim() || './data/paygraph.sqlite' };
}

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string };

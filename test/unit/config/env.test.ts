import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAppConfig } from '../../../src/config/app.config.js';
import { ConfigError } from '../../../src/config/config-error.js';
import { withFileSecrets } from '../../../src/config/env.js';

const SECRET = 'file-secret-Kq27mark-file-secret-Kq27mark-file';

function secretFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'paygraph-env-')), 'secret');
  writeFileSync(path, content, { mode: 0o600 });
  return path;
}

function thrown(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('variables given as files (X_FILE)', () => {
  it('reads X from the file X_FILE names, without its trailing line break', () => {
    const env = withFileSecrets({ AUTH_JWT_SECRET_FILE: secretFile(`${SECRET}\n`) });
    expect(env.AUTH_JWT_SECRET).toBe(SECRET);
    expect('AUTH_JWT_SECRET' in env).toBe(true);
  });

  it('keeps line breaks inside the value (PEM keys)', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';
    expect(withFileSecrets({ KEY_FILE: secretFile(pem) }).KEY).toBe(pem.slice(0, -1));
  });

  it('leaves variables without a _FILE twin as they are', () => {
    const env = withFileSecrets({ PORT: '4000', EMPTY: '' });
    expect([env.PORT, env.EMPTY, env.ABSENT]).toEqual(['4000', '', undefined]);
  });

  it('refuses X and X_FILE both set, naming both and printing neither', () => {
    const path = secretFile(SECRET);
    const error = thrown(
      () =>
        withFileSecrets({ AUTH_JWT_SECRET: 'direct-Pv93mark', AUTH_JWT_SECRET_FILE: path }).AUTH_JWT_SECRET,
    );
    expect(error.message).toBe('AUTH_JWT_SECRET and AUTH_JWT_SECRET_FILE are both set: set only one');
  });

  it('names X_FILE and the cause when the file cannot be read, never the path', () => {
    const missing = join(tmpdir(), 'paygraph-no-such-dir-Hw55mark', 'secret');
    const error = thrown(() => withFileSecrets({ DATA_ENCRYPTION_KEY_FILE: missing }).DATA_ENCRYPTION_KEY);
    expect(error.message).toBe('DATA_ENCRYPTION_KEY_FILE names a file that cannot be read (no such file)');
    const directory = thrown(() => withFileSecrets({ KEY_FILE: tmpdir() }).KEY);
    expect(directory.message).toContain('it is a directory');
    expect(`${error.message}${directory.message}`).not.toContain('Hw55mark');
  });

  it('reads only the variables configuration asks for: an unrelated unreadable _FILE is ignored', () => {
    const env = withFileSecrets({ SOMETHING_ELSE_FILE: '/nonexistent', PORT: '1' });
    expect(env.PORT).toBe('1');
  });

  it('serves every configuration read: the gateway takes its client-token secret from a file', () => {
    const path = secretFile(`${SECRET}\n`);
    chmodSync(path, 0o400);
    const config = readAppConfig({ PAYGRAPH_MODE: 'live', AUTH_JWT_SECRET_FILE: path });
    expect(config.auth.jwtSecret).toBe(SECRET);
  });
});

import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

export type Env = Record<string, string | undefined>;

/**
 * The environment as configuration reads it: a variable `X` may instead be given as `X_FILE`, the path
 * of a file holding its value (Docker and Kubernetes secrets), read when `X` itself is read. Both set
 * is an error naming both; an unreadable file names `X_FILE` and the cause. Values and paths never
 * appear in errors. A trailing line break of the file is not part of the value.
 */
export function withFileSecrets(env: Env, readFile: (path: string) => string = readUtf8): Env {
  if (wrapped.has(env)) return env;
  const resolved = new Map<string, string | undefined>();
  const read = (name: string): string | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const value = readVariable(env, name, readFile);
    resolved.set(name, value);
    return value;
  };
  const proxy = new Proxy(env, {
    get: (target, name) => (typeof name === 'string' ? read(name) : Reflect.get(target, name)),
    has: (target, name) => (typeof name === 'string' ? read(name) !== undefined : name in target),
  });
  wrapped.add(proxy);
  return proxy;
}

/** Environments already reading `_FILE` variables: wrapping one again would see each value twice. */
const wrapped = new WeakSet<Env>();

function readVariable(env: Env, name: string, readFile: (path: string) => string): string | undefined {
  const direct = env[name];
  const file = name.endsWith('_FILE') ? undefined : env[`${name}_FILE`]?.trim();
  if (!file) return direct;
  if (direct !== undefined && direct.trim() !== '')
    throw new ConfigError(`${name} and ${name}_FILE are both set: set only one`);
  try {
    return readFile(file).replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigError(`${name}_FILE names a file that cannot be read (${describeFileError(error)})`);
  }
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}

function describeFileError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return 'read failed';
  }
}

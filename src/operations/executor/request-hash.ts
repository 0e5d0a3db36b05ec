import { createHash } from 'node:crypto';

/**
 * Hash of an operation and its identifying input, to tell "same request again" from "same key, other
 * request". Keys are sorted so property order does not matter. Callers leave secrets out of `input`.
 */
export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256').update(operation).update('\u0000').update(canonicalJson(input)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

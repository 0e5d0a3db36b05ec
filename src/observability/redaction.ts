/**
 * Keys whose values are censored wherever they appear in a log line, at any depth, compared without
 * regard to case: credentials, cardholder data and the headers that carry them. A second line of
 * defence: provider clients log no bodies or headers at all, and GraphQL variables are never logged.
 */
export const SENSITIVE_LOG_KEY_NAMES: readonly string[] = [
  'authorization',
  'cookie',
  'x-api-key',
  'token',
  'authentication',
  'password',
  'user_password',
  'current_password',
  'new_password',
  'pan',
  'ipin',
  'accessToken',
  'refreshToken',
  'secret',
];

const SENSITIVE_LOG_KEYS: ReadonlySet<string> = new Set(
  SENSITIVE_LOG_KEY_NAMES.map((key) => key.toLowerCase()),
);

export const CENSOR = '[redacted]';

/**
 * pino serializers that censor the sensitive keys of child-logger bindings, which pino's log formatter
 * never sees (pino looks serializers up by key for every field anyway, so this costs nothing).
 */
export function censoringSerializers(): Record<string, () => string> {
  const names = [...SENSITIVE_LOG_KEY_NAMES, ...SENSITIVE_LOG_KEYS];
  return Object.fromEntries(names.map((name) => [name, () => CENSOR]));
}

/** Deeper than this, a logged value is cut off rather than walked. */
const MAX_DEPTH = 12;

/**
 * `value` as JSON would write it, with every sensitive key censored. Copy on write: a value with nothing
 * to censor is returned as it is, so the common log line (flat, primitive fields) costs one pass over its
 * keys and no allocation. Unlike path-based redaction, nothing is looked for under keys that cannot hold
 * it, and nothing escapes by sitting one level deeper than a path foresaw.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0);
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  // What JSON.stringify would write for it (got's options, Buffers, Dates …).
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactValue(toJSON.call(value), depth);
  if (Array.isArray(value)) return redactArray(value, depth);
  return redactObject(value as Record<string, unknown>, depth);
}

function redactArray(items: readonly unknown[], depth: number): unknown {
  let copy: unknown[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const redacted = redactValue(item, depth + 1);
    if (redacted !== item) (copy ??= [...items])[index] = redacted;
  }
  return copy ?? items;
}

/**
 * The fields of a log line, censored. Its `err` is left to the error serializer, which redacts the
 * serialized error (message, stack, causes and every enumerable property) with `redact`.
 */
export function redactLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  return redactObject(fields, 0, ERROR_KEY);
}

const ERROR_KEY = 'err';

function redactObject(
  object: Record<string, unknown>,
  depth: number,
  skip?: string,
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(object)) {
    const value = object[key];
    let redacted: unknown;
    if (SENSITIVE_LOG_KEYS.has(key.toLowerCase())) redacted = value === undefined ? value : CENSOR;
    else if (typeof value !== 'object' || value === null || key === skip) continue;
    else redacted = redactValue(value, depth + 1);
    if (redacted !== value) (copy ??= { ...object })[key] = redacted;
  }
  return copy ?? object;
}

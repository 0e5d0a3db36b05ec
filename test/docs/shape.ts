/**
 * Values the docs cannot show as they will be: ids, references, tokens, OTPs and times differ on every
 * run. For these keys only the kind of value is compared (a non-empty string, an ISO time for times).
 */
const SUBSTITUTED = new Set([
  'id',
  'token',
  'providerReference',
  'transactionUniqueId',
  'expiresAt',
  'asOf',
  'lastUsedAt',
  'createdAt',
  'updatedAt',
  'at',
]);
const TIMES = new Set(['expiresAt', 'asOf', 'lastUsedAt', 'createdAt', 'updatedAt', 'at']);

/**
 * Compares an answer with the one a page shows, by shape: the same keys and array lengths everywhere,
 * the same statuses, codes, amounts, messages and flags; substituted values (above) by kind only, and a
 * shown string cut with "…" by its beginning. Returns the differences, empty when the page is right.
 */
export function shapeDifferences(actual: unknown, shown: unknown, path = '$', key = ''): string[] {
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual))
      return [`${path}: the page shows an array, the answer has ${describe(actual)}`];
    if (actual.length !== shown.length)
      return [`${path}: the page shows ${shown.length} items, the answer has ${actual.length}`];
    return shown.flatMap((item, index) => shapeDifferences(actual[index], item, `${path}[${index}]`, key));
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: the page shows an object, the answer has ${describe(actual)}`];
    const shownKeys = Object.keys(shown).sort();
    const actualKeys = Object.keys(actual).sort();
    if (shownKeys.join() !== actualKeys.join())
      return [
        `${path}: the page shows the keys ${shownKeys.join(', ')}, the answer has ${actualKeys.join(', ')}`,
      ];
    return shownKeys.flatMap((name) =>
      shapeDifferences(
        (actual as Record<string, unknown>)[name],
        (shown as Record<string, unknown>)[name],
        `${path}.${name}`,
        name,
      ),
    );
  }
  if (typeof shown === 'string') {
    if (typeof actual !== 'string' || actual === '')
      return [`${path}: the page shows a string, the answer has ${describe(actual)}`];
    const cut = shown.indexOf('…');
    if (cut >= 0)
      return actual.startsWith(shown.slice(0, cut)) ? [] : [`${path}: "${actual}" is not "${shown}"`];
    if (TIMES.has(key)) return Number.isNaN(Date.parse(actual)) ? [`${path}: "${actual}" is not a time`] : [];
    if (SUBSTITUTED.has(key)) return [];
    return actual === shown ? [] : [`${path}: the page shows "${shown}", the answer has "${actual}"`];
  }
  return Object.is(actual, shown)
    ? []
    : [`${path}: the page shows ${describe(shown)}, the answer has ${describe(actual)}`];
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

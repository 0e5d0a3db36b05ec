import { SANDBOX_CURRENCIES } from './numeropay-currencies.js';
import { sandboxError, type SandboxError } from './numeropay-envelope.js';

/** A `POST /transaction` body that has the document's shape; merchant checks come after. */
export interface SandboxCreateRequest {
  amount: number;
  currency: string;
  description: string;
  merchant: string;
  businessName: string;
}

/** `GET /transaction` parameters, parsed; merchant checks come after. */
export interface SandboxListParameters {
  limit: number;
  from: number;
  states?: number[];
  businessNames?: string[];
}

const CREATE_FIELDS = new Set(['amount', 'currency', 'description', 'merchant', 'businessName']);
const LIST_PARAMETERS = new Set(['limit', 'from', 'status', 'business_name']);
const DEFAULT_LIMIT = 25;
/** A positive amount written with at most two decimals (no exponent, which also bounds its size). */
const AMOUNT = /^\d+(\.\d{1,2})?$/;

export function parseCreateRequest(body: unknown): SandboxCreateRequest | SandboxError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('body');
  const fields = body as Record<string, unknown>;
  const unexpected = Object.keys(fields).find((name) => !CREATE_FIELDS.has(name));
  if (unexpected) return invalid(unexpected);
  const { amount, currency, description, merchant, businessName } = fields;
  if (typeof amount !== 'number' || !(amount > 0) || !AMOUNT.test(String(amount))) return invalid('amount');
  if (typeof currency !== 'string' || !SANDBOX_CURRENCIES.has(currency)) return invalid('currency');
  if (description !== undefined && typeof description !== 'string') return invalid('description');
  if (typeof merchant !== 'string' || merchant === '') return invalid('merchant');
  if (typeof businessName !== 'string' || businessName === '') return invalid('businessName');
  return { amount, currency, description: description ?? '', merchant, businessName };
}

export function parseListParameters(
  query: unknown,
  nowSeconds: number,
): SandboxListParameters | SandboxError {
  const parameters = (query ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(parameters)) {
    if (!LIST_PARAMETERS.has(name) || typeof value !== 'string') return invalid(name);
  }
  const { limit, from, status, business_name: businessName } = parameters as Record<string, string>;
  const parsed: SandboxListParameters = { limit: DEFAULT_LIMIT, from: nowSeconds };
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) <= 0) return invalid('limit');
    parsed.limit = Number(limit);
  }
  if (from !== undefined) {
    if (!/^\d+$/.test(from)) return invalid('from');
    parsed.from = Number(from);
  }
  if (status !== undefined) {
    const states = oneOrMany(status, (value): value is number | string => /^[0-4]$/.test(String(value)));
    if (!states) return invalid('status');
    parsed.states = states.map(Number);
  }
  if (businessName !== undefined) {
    const names = oneOrMany(
      businessName,
      (value): value is string => typeof value === 'string' && value !== '',
    );
    if (!names) return invalid('business_name');
    parsed.businessNames = names;
  }
  return parsed;
}

/** A JSON-stringified array of values, or a single value as plain text. */
function oneOrMany<T>(text: string, valid: (value: unknown) => value is T): T[] | undefined {
  let values: unknown[] = [text];
  if (text.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return undefined;
      values = parsed;
    } catch {
      return undefined;
    }
  }
  return values.length > 0 && values.every(valid) ? (values as T[]) : undefined;
}

function invalid(field: string): SandboxError {
  return sandboxError('BAD_REQUEST', `Invalid or incomplete input: ${field}`);
}

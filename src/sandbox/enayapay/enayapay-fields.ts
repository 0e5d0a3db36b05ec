/** Field checks answered as the provider does: 400 `{"details": {field: [messages]}}`. */
export type FieldErrors = Record<string, string[]>;

/** Reads the named fields as strings; missing or blank ones are reported, as the provider's forms do. */
export function requireFields<N extends string>(
  body: unknown,
  names: readonly N[],
): { values: Record<N, string>; errors: FieldErrors } {
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const values = {} as Record<N, string>;
  const errors: FieldErrors = {};
  for (const name of names) {
    const value = source[name];
    if (value === undefined || value === null) {
      errors[name] = ['This field is required.'];
    } else if (typeof value !== 'string' && typeof value !== 'number') {
      errors[name] = ['Not a valid string.'];
    } else if (String(value).trim() === '') {
      errors[name] = ['This field may not be blank.'];
    } else {
      values[name] = String(value);
    }
  }
  return { values, errors };
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** How phone inputs are described in the schema. */
export const PHONE_DESCRIPTION =
  'Sudanese mobile number: international (249912345678, +249 91 234 5678) or local (0912345678) form.';

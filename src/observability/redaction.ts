/**
 * Log paths censored by pino wherever they appear, as a second line of defence: provider clients log
 * no bodies or headers at all, and GraphQL variables are never logged.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.token',
  'headers.authentication',
  '*.password',
  '*.user_password',
  '*.current_password',
  '*.new_password',
  '*.pan',
  '*.ipin',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
];

import { parseArgs } from 'node:util';
import { readAppConfig } from '../src/config/app.config.js';
import { ensureSandboxAuthSecret } from '../src/config/sandbox-auth-secret.js';
import { issueClientToken } from '../src/server/auth/issue-token.js';

/** Prints a client bearer token: `npm run token -- --sub alice --scope "operator"`. */
const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'sandbox-user' },
    scope: { type: 'string', default: '' },
    ttl: { type: 'string', default: '12h' },
  },
});
const config = readAppConfig(process.env);
if (config.mode === 'sandbox' && !config.auth.jwtSecret)
  config.auth.jwtSecret = ensureSandboxAuthSecret(config.database);
const scopes = (values.scope ?? '').split(/[\s,]+/).filter(Boolean);
console.log(await issueClientToken(config.auth, values.sub ?? 'sandbox-user', scopes, values.ttl));

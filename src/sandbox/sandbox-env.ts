import { type ProvidersConfig } from '../config/providers.config.js';

/**
 * The environment of a live-mode gateway that talks to running simulators: what `npm run sandbox` prints,
 * and how several gateway replicas are pointed at one set of simulators. Holds sandbox credentials only.
 */
export async function sandboxProviderEnv(providers: ProvidersConfig): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  const { numeropay, nupeye, digipay, nchl, enayapay } = providers;
  if (numeropay) {
    Object.assign(env, {
      NUMEROPAY_BASE_URL: numeropay.baseUrl,
      NUMEROPAY_KEY_ID: numeropay.keyId,
      NUMEROPAY_KEY_SECRET: numeropay.keySecret,
      NUMEROPAY_MERCHANT_ID: numeropay.merchantId,
      NUMEROPAY_BUSINESS_NAME: numeropay.businessName,
    });
  }
  if (nupeye) {
    Object.assign(env, {
      NUPEYE_BASE_URL: nupeye.baseUrl,
      NUPEYE_API_USER: nupeye.apiUser,
      NUPEYE_API_KEY: nupeye.apiKey,
      NUPEYE_CURRENCY: nupeye.currency,
    });
  }
  if (digipay) {
    Object.assign(env, {
      DIGIPAY_BASE_URL: digipay.baseUrl,
      DIGIPAY_TOKEN: digipay.token,
      DIGIPAY_COMPANY_ID: digipay.companyId,
      DIGIPAY_CURRENCY: digipay.currency,
    });
  }
  if (nchl) {
    const [signingKey, notificationPublicKey] = await Promise.all([
      nchl.signingKey,
      nchl.notificationPublicKey,
    ]);
    Object.assign(env, {
      NCHL_BASE_URL: nchl.baseUrl,
      NCHL_CLIENT_ID: nchl.clientId,
      NCHL_CLIENT_SECRET: nchl.clientSecret,
      NCHL_USERNAME: nchl.username,
      NCHL_PASSWORD: nchl.password,
      NCHL_USER_ID: nchl.userId,
      NCHL_SIGNING_KEY: signingKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      NCHL_PUBLIC_CERT: notificationPublicKey.export({ type: 'spki', format: 'pem' }).toString(),
      NCHL_NOTIFY_USERNAME: nchl.notifyUsername,
      NCHL_NOTIFY_PASSWORD: nchl.notifyPassword,
    });
  }
  if (enayapay) {
    Object.assign(env, { ENAYAPAY_BASE_URL: enayapay.baseUrl, ENAYAPAY_API_KEY: enayapay.apiKey });
  }
  return env;
}

/**
 * `KEY=value` lines that both `node --env-file` and a POSIX shell (`set -a; . file`) read back as the
 * same values. Line breaks (PEM keys) are written as `\n` inside double quotes: Node turns them back into
 * line breaks, and the gateway accepts the literal `\n` a shell leaves in PEM values.
 */
export function toDotenv(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([name, value]) => {
      if (/["\\$`]/.test(value)) throw new Error(`${name} cannot be written to a dotenv file`);
      return /^[\w.,:/+=@-]*$/.test(value)
        ? `${name}=${value}`
        : `${name}="${value.replace(/\r?\n/g, '\\n')}"`;
    })
    .map((line) => `${line}\n`)
    .join('');
}

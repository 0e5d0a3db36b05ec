import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import type { NchlConfig } from '../../config/nchl.config.js';
import { generateSandboxKeyPairAsync, type SandboxKeyPair } from './nchl.keys.js';
import type { NchlTokenLifetimes } from './nchl.oauth.js';
import { NchlSimulator, type NchlSimulatorOptions } from './nchl.simulator.js';

export { NchlSimulator } from './nchl.simulator.js';

export interface NchlSandboxOptions {
  logger?: Logger;
  port?: number;
  lifetimes?: Partial<NchlTokenLifetimes>;
  otpLifetimeSeconds?: number;
  notification?: NchlSimulatorOptions['notification'];
  withdrawDataEncoding?: NchlSimulatorOptions['withdrawDataEncoding'];
  now?: () => number;
  /** Makes each key pair; tests hold it back to show that nothing waits for the keys but their uses. */
  generateKeyPair?: (commonName: string) => Promise<SandboxKeyPair>;
}

export interface NchlSandboxKeys {
  /** Signs requests (ours). */
  thirdParty: SandboxKeyPair;
  /** Signs notifications (NCHL's, certificate included). */
  nchl: SandboxKeyPair;
}

export interface NchlSandbox {
  simulator: NchlSimulator;
  config: NchlConfig;
  /** Still being generated when the sandbox starts; every use of a key waits for them. */
  keys: Promise<NchlSandboxKeys>;
}

/**
 * Starts the NCHL simulator with fresh credentials and returns the gateway configuration that talks to
 * it. Its two fresh key pairs are generated meanwhile (two 2048-bit RSA keys take 0.2 to 0.5 s on the
 * thread pool, longer than the rest of a sandbox's start), so the simulator and the gateway serve at
 * once and only a signature made or checked before the keys exist waits for them. Notifications go
 * nowhere until `notifyGateway` (or `simulator.setNotificationTarget`) names the receiver.
 */
export async function startNchlSandbox(options: NchlSandboxOptions = {}): Promise<NchlSandbox> {
  const generate = options.generateKeyPair ?? generateSandboxKeyPairAsync;
  // One after the other, on one thread of the pool: the gateway loading beside them keeps a core.
  const keys = (async () => {
    const thirdParty = await generate('paygraph-sandbox');
    return { thirdParty, nchl: await generate('npi-sandbox.nchl.com.np') };
  })();
  // A key that could not be made fails whatever waits for it; unawaited, the failure must not end the process.
  const keyOf = (pick: (generated: NchlSandboxKeys) => KeyObject): Promise<KeyObject> => {
    const key = keys.then(pick);
    key.catch(() => undefined);
    return key;
  };
  keys.catch((error: unknown) =>
    options.logger?.error({ err: error }, 'the NCHL sandbox keys could not be generated'),
  );
  const secret = () => randomBytes(18).toString('base64url');
  const credentials = {
    clientId: 'paygraph-sandbox',
    clientSecret: secret(),
    username: 'paygraph',
    password: secret(),
  };
  const notify = { username: 'nchl-notify', password: secret() };
  const userId = 'PAYGRAPH01';

  const simulator = new NchlSimulator({
    logger: options.logger,
    credentials,
    userId,
    requestVerificationKey: keyOf(({ thirdParty }) => createPublicKey(thirdParty.publicKeyPem)),
    notificationSigningKey: keyOf(({ nchl }) => createPrivateKey(nchl.privateKeyPem)),
    lifetimes: options.lifetimes,
    otpLifetimeSeconds: options.otpLifetimeSeconds,
    notification: options.notification,
    withdrawDataEncoding: options.withdrawDataEncoding,
    now: options.now,
  });
  const baseUrl = await simulator.start(options.port ?? 0);
  const config: NchlConfig = {
    baseUrl,
    ...credentials,
    userId,
    signingKey: keyOf(({ thirdParty }) => createPrivateKey(thirdParty.privateKeyPem)),
    // The key of NCHL's certificate (`keys.nchl.certificatePem`, made on demand).
    notificationPublicKey: keyOf(({ nchl }) => createPublicKey(nchl.publicKeyPem)),
    notifyUsername: notify.username,
    notifyPassword: notify.password,
    timeoutMs: 15_000,
    tokenRefreshSkewMs: 30_000,
    reconcileAfterMs: 300_000,
    reconcileIntervalMs: 60_000,
  };
  return { simulator, config, keys };
}

/** Points the simulator's notifications at a gateway listening on `gatewayOrigin`. */
export function notifyGateway(sandbox: NchlSandbox, gatewayOrigin: string): void {
  sandbox.simulator.setNotificationTarget({
    url: `${gatewayOrigin.replace(/\/+$/, '')}/cardless/thirdparty/notification`,
    username: sandbox.config.notifyUsername,
    password: sandbox.config.notifyPassword,
  });
}

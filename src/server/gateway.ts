import type { DestinationStream, Logger } from 'pino';
import { readAppConfig, type AppConfig } from '../config/app.config.js';
import { readProvidersConfig } from '../config/providers.config.js';
import type { Env } from '../config/provider-section.js';
import { ensureSandboxAuthSecret } from '../config/sandbox-auth-secret.js';
import { readSessionConfig } from '../config/session.config.js';
import { PendingRecovery } from '../operations/transactions/pending-recovery.js';
import { startSandbox, type Sandbox } from '../sandbox/start-sandbox.js';
import { createApp, type PayGraphApp } from './app.js';
import { createServices } from './create-services.js';
import { createLogger } from '../observability/logger.js';
import type { Services } from './services.js';
import { createNchlReconciler } from '../operations/withdrawals/nchl-reconciler.js';

export interface GatewayOptions {
  env: Env;
  /** Where log lines go (stdout when absent); tests capture them. */
  logDestination?: DestinationStream;
}

export interface Gateway {
  /** Base URL the gateway listens on, e.g. http://127.0.0.1:4000. */
  url: string;
  /** Base URL of /metrics when it has a port of its own (METRICS_PORT). */
  metricsUrl: string | undefined;
  config: AppConfig;
  logger: Logger;
  services: Services;
  http: PayGraphApp;
  /** The in-process simulators, in sandbox mode. */
  sandbox: Sandbox | undefined;
  /** Readiness fails, in-flight requests finish, then everything closes. */
  close(): Promise<void>;
}

/** Starts a gateway: configuration → (sandbox simulators) → ledger → providers → HTTP server. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const config = readAppConfig(options.env);
  const logger = createLogger(config.logLevel, options.logDestination);
  if (config.mode === 'sandbox' && !config.auth.jwtSecret && !config.auth.jwksUrl) {
    config.auth.jwtSecret = ensureSandboxAuthSecret(config.database);
  }
  config.sessions = readSessionConfig(options.env, config.mode, config.database);
  const sandbox = config.mode === 'sandbox' ? await startSandbox({ logger }) : undefined;
  try {
    const providersConfig = sandbox ? sandbox.providers : readProvidersConfig(options.env);
    const services = await createServices(config, providersConfig, logger);
    const recovery = new PendingRecovery(services.ledger.transactions, logger, config.pendingRecoveryAfterMs);
    await recovery.runOnce();
    recovery.start();
    const http = await createApp(services);
    await http.app.listen({ port: config.port, host: config.host });
    const metricsAt = await http.metricsApp?.listen({ port: config.metricsPort, host: config.host });
    const reconciler = createNchlReconciler({
      nchl: services.providers.nchl,
      repository: services.ledger.withdrawals,
      withdrawals: services.operations.withdrawals,
      logger,
    });
    reconciler?.start();
    const address = http.app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    sandbox?.connectGateway(`http://${host}:${port}`);
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        http.lifecycle.draining = true;
        recovery.stop();
        await reconciler?.stop();
        await http.app.close();
        await http.metricsApp?.close();
        await services.db.destroy();
        await services.shared.close();
        await sandbox?.stop();
      })());
    const metricsUrl = metricsAt && `http://${host}:${new URL(metricsAt).port}`;
    return { url: `http://${host}:${port}`, metricsUrl, config, logger, services, http, sandbox, close };
  } catch (error) {
    await sandbox?.stop();
    throw error;
  }
}

import 'reflect-metadata';
import { ConfigError } from './config/config-error.js';
import { issueClientToken } from './server/auth/issue-token.js';
import { startGateway } from './server/gateway.js';
import { limitHeapGrowth } from './server/heap-growth.js';
import { startTracing } from './observability/tracing.js';

async function main(): Promise<void> {
  limitHeapGrowth(process.execArgv);
  const tracing = await startTracing(process.env);
  const gateway = await startGateway({ env: process.env });
  const { config, logger } = gateway;
  // Installed before anything else is awaited: the server already listens, so a SIGTERM from here on
  // must drain it rather than kill the process.
  let signalled = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (signalled) logger.info({ signal }, 'ending the drain now');
      else
        logger.info(
          { signal, drainMs: config.shutdownDrainMs },
          'shutting down: readiness fails at once, requests are served until the drain ends',
        );
      signalled = true;
      gateway.shutdown().then(
        () => tracing.shutdown().finally(() => process.exit(0)),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  logger.info({ url: `${gateway.url}/graphql`, mode: config.mode }, 'PayGraph is serving GraphQL');
  if (config.mode === 'sandbox' && config.auth.jwtSecret) {
    const token = await issueClientToken(config.auth, 'sandbox-user', ['operator']);
    const simulators = Object.entries(gateway.sandbox?.simulators ?? {}).map(
      ([name, simulator]) => `  ${name.padEnd(10)} ${simulator.baseUrl}`,
    );
    console.log(
      [
        '',
        `PayGraph (sandbox) on ${gateway.url}/graphql`,
        `  ${gateway.url}/console   GraphiQL, served here (works offline), with this token filled in`,
        `  ${gateway.url}/graphql   Apollo Sandbox in a browser (needs the internet)`,
        'Provider simulators:',
        ...simulators,
        'Paste this header into Sandbox (Headers tab) or curl:',
        '',
        `  Authorization: Bearer ${token}`,
        '',
      ].join('\n'),
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
  } else {
    console.error('PayGraph failed to start:', error instanceof Error ? error.message : 'unknown error');
  }
  process.exit(1);
});

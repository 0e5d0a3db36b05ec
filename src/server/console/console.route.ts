import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { issueClientToken } from '../auth/issue-token.js';
import { loadConsoleAssets } from './console-assets.js';
import { readConsoleConfig } from './console-config.js';
import { CONSOLE_CSP, renderConsolePage } from './console-page.js';
import { exampleTabs } from './console-tabs.js';

const OPERATIONS = new URL('../../../schema/operations/', import.meta.url);
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * A self-hosted GraphiQL at /console (Apollo Sandbox, which needs the internet, stays at /graphql). In
 * sandbox its tabs carry the operator token, so the page is served only under a loopback host name (a DNS
 * rebinding page cannot read it) and never with CORS headers.
 */
export function registerConsole(app: FastifyInstance, services: Services, env = process.env): void {
  const { config, logger } = services;
  const settings = readConsoleConfig(env, config);
  if (!settings.enabled) return;
  // Loaded on first use: most gateways (and every test) never open the console.
  let assets: ReturnType<typeof loadConsoleAssets> | undefined;
  const tabs = exampleTabs(OPERATIONS);
  const routeConfig = { cors: false };

  app.get('/console', { config: routeConfig }, async (request, reply) => {
    secureHeaders(reply);
    reply.header('cache-control', 'no-store');
    if (settings.prefillToken && !LOOPBACK_NAMES.has(request.hostname)) {
      return reply.code(403).type('text/plain').send('In sandbox the console is served on loopback only.');
    }
    const headers = settings.prefillToken
      ? JSON.stringify(
          { Authorization: `Bearer ${await issueClientToken(config.auth, 'sandbox-user', ['operator'])}` },
          null,
          2,
        )
      : undefined;
    return reply
      .header('content-security-policy', CONSOLE_CSP)
      .type('text/html; charset=utf-8')
      .send(renderConsolePage({ tabs, headers }));
  });

  app.get<{ Params: { name: string } }>(
    '/console/assets/:name',
    { config: routeConfig },
    async (request, reply) => {
      const asset = (await (assets ??= loadConsoleAssets())).get(request.params.name);
      secureHeaders(reply);
      if (!asset) return reply.code(404).type('text/plain').send('Not found');
      reply
        .header('cache-control', 'public, max-age=3600')
        .header('vary', 'accept-encoding')
        .type(asset.type);
      if (acceptsGzip(request)) return reply.header('content-encoding', 'gzip').send(asset.gzipped);
      return reply.send(asset.body);
    },
  );
  // Answers preflights itself, without CORS headers: no other origin may read the page.
  for (const path of ['/console', '/console/assets/:name']) {
    app.options(path, { config: routeConfig }, (_request, reply) =>
      reply.code(204).header('allow', 'GET').send(),
    );
  }
  logger.info({ path: '/console', prefilled: settings.prefillToken }, 'GraphiQL console enabled');
}

function secureHeaders(reply: FastifyReply): void {
  reply
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-resource-policy', 'same-origin')
    .header('x-frame-options', 'DENY');
}

function acceptsGzip(request: FastifyRequest): boolean {
  const accepted = request.headers['accept-encoding'];
  return typeof accepted === 'string' && /\bgzip\b/.test(accepted);
}

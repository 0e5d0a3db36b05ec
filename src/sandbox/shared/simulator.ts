import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { schemaCompilersOnFirstUse } from '../../http/schema-compilers-on-first-use.js';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { FaultInjector, type FaultRule } from './fault-injector.js';
import { RequestLog } from './request-log.js';
import { isControlPath, registerControlRoutes } from './control-routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    injectedFault?: FaultRule;
  }
}

export interface SimulatorOptions {
  /** Logger for the simulator's own lines (the sandbox OTP lines among them); silent when absent. */
  logger?: Logger;
}

/**
 * Base of every provider simulator: a real HTTP server on loopback that records each request and
 * injects faults on demand. Subclasses register the provider's routes under `basePath`.
 */
export abstract class Simulator {
  readonly requests = new RequestLog();
  readonly faults = new FaultInjector();
  protected readonly app: FastifyInstance;
  protected readonly logger: Logger | undefined;
  private origin: string | undefined;

  protected constructor(
    readonly name: string,
    protected readonly basePath: string,
    options: SimulatorOptions = {},
  ) {
    this.logger = options.logger?.child({ simulator: name });
    this.app = Fastify({
      logger: false,
      forceCloseConnections: true,
      schemaController: schemaCompilersOnFirstUse,
    });
    this.app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    this.app.addHook('preHandler', (request, reply) =>
      isControlPath(request.url) ? Promise.resolve() : this.beforeHandler(request, reply),
    );
    this.app.addHook('onSend', (request, reply, payload) =>
      isControlPath(request.url) ? Promise.resolve(payload) : this.beforeSend(request, reply, payload),
    );
    registerControlRoutes(this.app, this);
    this.app.register(
      (scope, _opts, done) => {
        this.registerRoutes(scope);
        done();
      },
      { prefix: basePath },
    );
  }

  /** Registers the provider's routes; paths are relative to `basePath`. */
  protected abstract registerRoutes(app: FastifyInstance): void;

  /** The body answered for an injected `status` fault, in the provider's own error shape. */
  protected faultBody(status: number): unknown {
    return { message: `Simulated failure ${status}` };
  }

  /** Base URL of the running simulator, including the provider's base path. */
  get baseUrl(): string {
    if (!this.origin) throw new Error(`${this.name} simulator is not started`);
    return `${this.origin}${this.basePath}`;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    await this.app.listen({ port, host });
    const address = this.app.server.address();
    if (!address || typeof address === 'string') throw new Error('simulator has no TCP address');
    this.origin = `http://${host}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }

  /** Clears recorded requests and faults between tests. */
  reset(): void {
    this.requests.clear();
    this.faults.clear();
  }

  private async beforeHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = this.relativePath(request.url);
    this.requests.record({
      method: request.method,
      path,
      headers: { ...request.headers },
      body: request.body,
      at: new Date(),
    });
    const fault = this.faults.take(request.method, path);
    if (!fault) return;
    request.injectedFault = fault;
    switch (fault.kind) {
      case 'delay':
        await (fault.until ?? sleep(fault.delayMs ?? 1000));
        return;
      case 'status': {
        const status = fault.status ?? 500;
        await reply.code(status).send(this.faultBody(status));
        return;
      }
      case 'reset-before':
        reply.hijack();
        request.raw.socket.destroy();
        return;
      default:
        return; // the remaining faults act after the handler, in beforeSend
    }
  }

  private beforeSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const fault = request.injectedFault;
    if (!fault) return Promise.resolve(payload);
    switch (fault.kind) {
      case 'reset-after':
        request.raw.socket.destroy();
        return Promise.resolve(payload);
      case 'malformed-json':
        return Promise.resolve(String(payload).slice(0, Math.max(1, Math.floor(String(payload).length / 2))));
      case 'slow-body':
        reply.removeHeader('content-length');
        return Promise.resolve(slowStream(String(payload), fault.delayMs ?? 1000));
      default:
        return Promise.resolve(payload);
    }
  }

  private relativePath(url: string): string {
    const path = url.split('?')[0] ?? url;
    return path.startsWith(this.basePath) ? path.slice(this.basePath.length) || '/' : path;
  }
}

/** Streams `body` in a few pieces spread over `totalMs`. */
function slowStream(body: string, totalMs: number): Readable {
  const pieces = 5;
  const size = Math.ceil(body.length / pieces);
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < body.length; offset += size) {
        yield body.slice(offset, offset + size);
        await sleep(totalMs / pieces);
      }
    })(),
  );
}

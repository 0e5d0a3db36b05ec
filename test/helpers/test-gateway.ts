import 'reflect-metadata';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { Env } from '../../src/config/provider-section.js';
import { issueClientToken } from '../../src/server/auth/issue-token.js';
import { startGateway, type Gateway } from '../../src/server/gateway.js';
import type { SandboxSimulators } from '../../src/sandbox/start-sandbox.js';
import { LogCapture } from './log-capture.js';
import { createTestDatabase } from './test-database.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface GraphQLResponse<TData> {
  status: number;
  body: ExecutionResult<TData> & { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** The raw response text, for leak assertions. */
  text: string;
}

export interface TestGateway {
  url: string;
  gateway: Gateway;
  simulators: SandboxSimulators;
  logs: LogCapture;
  /** Every response body received through `graphql`, for leak assertions. */
  responses: string[];
  token(subject: string, scopes?: string[]): Promise<string>;
  graphql<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    options?: { token?: string; method?: 'GET' | 'POST'; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/**
 * A real gateway on 127.0.0.1 port 0 with every simulator in-process, an in-memory SQLite ledger
 * and captured logs. `env` overrides the defaults.
 */
export async function startTestGateway(env: Env = {}): Promise<TestGateway> {
  const logs = new LogCapture();
  // A test that names its own ledger (a shared SQLite file, say) keeps it; others get a fresh one.
  const ownLedger = env.SQLITE_PATH !== undefined || env.DATABASE_URL !== undefined;
  const database = ownLedger ? undefined : await createTestDatabase();
  const gateway = await startGateway({
    env: {
      PAYGRAPH_MODE: 'sandbox',
      ...database?.env,
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'debug',
      ...env,
    },
    logDestination: logs,
  });
  const responses: string[] = [];
  const simulators = gateway.sandbox?.simulators;
  if (!simulators) throw new Error('the test gateway runs in sandbox mode');

  return {
    url: gateway.url,
    gateway,
    simulators,
    logs,
    responses,
    token: (subject, scopes = []) => issueClientToken(gateway.config.auth, subject, scopes),
    async graphql(document, variables, options = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let response: Response;
      if (options.method === 'GET') {
        const params = new URLSearchParams({ query });
        if (variables) params.set('variables', JSON.stringify(variables));
        response = await fetch(`${gateway.url}/graphql?${params}`, {
          headers: { ...headers, 'apollo-require-preflight': 'true' },
        });
      } else {
        response = await fetch(`${gateway.url}/graphql`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
      }
      const text = await response.text();
      responses.push(text);
      return { status: response.status, body: JSON.parse(text) as GraphQLResponse<never>['body'], text };
    },
    close: async () => {
      await gateway.close();
      await database?.drop();
    },
  };
}

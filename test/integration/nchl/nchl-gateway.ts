import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway.js';
import { waitUntil } from '../../helpers/wait-until.js';

export const REQUEST = `
  mutation Request($input: RequestCardlessWithdrawalInput!) {
    requestCardlessWithdrawal(input: $input) {
      withdrawal { id status transactionUniqueId amount { amount currency } mobileNumber accountNumber failureCode }
      replayed
      userErrors { code field message }
    }
  }`;

export const COMPLETE = `
  mutation Complete($input: CompleteCashWithdrawalInput!) {
    completeCashWithdrawal(input: $input) {
      withdrawal { id status cashOut { state bankCode traceNumber referenceNumber terminalId bookedAt } }
      replayed
      userErrors { code field message }
    }
  }`;

export const WITHDRAWAL = `
  query Withdrawal($id: ID!) {
    withdrawal(id: $id) { id status providerReference expiresAt failureCode cashOut { state } }
  }`;

export const UPDATED = `
  subscription Updated($id: ID!) { withdrawalUpdated(id: $id) { id status providerReference } }`;

export interface RequestPayload {
  requestCardlessWithdrawal: {
    withdrawal: {
      id: string;
      status: string;
      transactionUniqueId: string;
      amount: { amount: string; currency: string };
      mobileNumber: string;
      accountNumber: string;
      failureCode: string | null;
    } | null;
    replayed: boolean;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

export interface CompletePayload {
  completeCashWithdrawal: {
    withdrawal: { id: string; status: string; cashOut: Record<string, unknown> | null } | null;
    replayed: boolean;
    userErrors: { code: string; field: string[] | null; message: string }[];
  };
}

export interface WithdrawalQuery {
  withdrawal: {
    id: string;
    status: string;
    providerReference: string | null;
    expiresAt: string | null;
    failureCode: string | null;
    cashOut: { state: string } | null;
  } | null;
}

let keys = 0;
export const newKey = (prefix = 'wd') => `${prefix}-${process.pid}-${++keys}-${Date.now()}`;

export function requestInput(overrides: Record<string, string> = {}) {
  return {
    idempotencyKey: newKey(),
    amount: '5000',
    mobileNumber: '9841000001',
    accountName: 'Ankit Neupane',
    accountNumber: '00100123456',
    branchId: '1',
    bankId: '1000',
    remarks: 'Towards the mountains',
    ...overrides,
  };
}

export function completeInput(withdrawalId: string, otp: string, overrides: Record<string, string> = {}) {
  return {
    idempotencyKey: newKey('cash'),
    withdrawalId,
    otp,
    amount: '5000',
    bankCode: 'PCBLNPKA',
    traceNumber: 'TRACE015',
    referenceNumber: 'CLW-058834591',
    terminalId: 'PRIME2101',
    ...overrides,
  };
}

export interface NchlGatewayContext {
  gw: TestGateway;
  alice: string;
  operator: string;
}

export async function startNchlGateway(env: Record<string, string> = {}): Promise<NchlGatewayContext> {
  const gw = await startTestGateway(env);
  return { gw, alice: await gw.token('alice'), operator: await gw.token('atm-switch', ['operator']) };
}

/** Requests a withdrawal as `token` and returns it (fails the test on userErrors). */
export async function requestWithdrawal(
  context: NchlGatewayContext,
  overrides: Record<string, string> = {},
  token = context.alice,
) {
  const { body } = await context.gw.graphql<RequestPayload, unknown>(
    REQUEST,
    { input: requestInput(overrides) },
    { token },
  );
  const payload = body.data?.requestCardlessWithdrawal;
  if (!payload?.withdrawal || payload.userErrors.length > 0) {
    throw new Error(`request failed: ${JSON.stringify(body)}`);
  }
  return payload.withdrawal;
}

/** The OTP "sent by SMS", read from the simulator's sandbox-only route over HTTP. */
export async function otpOf(context: NchlGatewayContext, transactionUniqueId: string): Promise<string> {
  const response = await fetch(context.gw.simulators.nchl.otpUrl(transactionUniqueId));
  if (response.status !== 200) throw new Error(`no OTP for ${transactionUniqueId}`);
  return ((await response.json()) as { otp: string }).otp;
}

export interface Subscription<T> {
  events: T[];
  errors: unknown[];
  /** Resolves with the n-th event (1-based) once it arrived. */
  event(n: number, timeoutMs?: number): Promise<T>;
  completed: Promise<void>;
  client: Client;
}

const clients = new Set<Client>();

/** Closes every subscription client a test left open, so the gateway can close at once. */
export async function disposeSubscriptions(): Promise<void> {
  await Promise.all([...clients].map((client) => client.dispose()));
  clients.clear();
}

/** Subscribes over graphql-ws (the `ws` package: Node 20 has no WebSocket) on the gateway's /graphql. */
export function subscribe<T>(
  gatewayUrl: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
): Subscription<T> {
  const client = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  clients.add(client);
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const completed = new Promise<void>((resolve) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          if (result.data) events.push(result.data as T);
          waiters.splice(0).forEach((wake) => wake());
        },
        error: (error) => {
          // graphql-ws reports refused operations as an array of GraphQL errors, a closed socket as an event.
          if (Array.isArray(error)) errors.push(...(error as unknown[]));
          else errors.push(error);
          waiters.splice(0).forEach((wake) => wake());
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  const event = async (n: number, timeoutMs = 10_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < n) {
      if (errors.length > 0) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
      if (Date.now() > deadline) throw new Error(`no event ${n} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return events[n - 1]!;
  };
  return { events, errors, event, completed, client };
}

/** Waits until `check` holds (see waitUntil), for effects that arrive asynchronously. */
export function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  return waitUntil(check, 'the awaited condition');
}

/**
 * Child process: the one upstream every target of a run talks to, answering NumeroPay's shapes
 * (`POST /transaction`, `GET /transaction/{id}`, `GET /transaction?limit&from&status`) in NumeroPay's
 * envelope. It checks only that a Bearer token is present: the strict simulator verifies each JWT, and
 * that work would dominate the figures of every target alike. Created transactions stay in state 0
 * (created), so a reader never sees them final and asks again each time. Sends {type: 'ready', port}.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

interface StubTransaction {
  id: string;
  merchant: string;
  businessName: string;
  channel: number;
  amount: number;
  currency: string;
  description: string | null;
  structure: Record<string, never>;
  state: number;
  createdOn: string;
  updatedOn: string;
}

/** Beyond this many, the oldest created transactions are forgotten (a write benchmark creates many). */
const KEEP = 200_000;
const transactions = new Map<string, StubTransaction>();
let sequence = 0;
/** Calls by the hand-written peers (their fixed token) are counted apart from the gateways'. */
const PEER_AUTHORIZATION = 'Bearer bench-peer';
const counts = { create: 0, createByPeers: 0, read: 0, list: 0 };

function nextId(): string {
  sequence += 1;
  return `B${sequence.toString(36).toUpperCase().padStart(8, '0')}`;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

const notFound = (response: ServerResponse, what: string) =>
  send(response, 200, {
    success: false,
    error: { code: 404, message: `Resource ${what} does not exist`, name: 'NOT_FOUND' },
  });

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
  });
}

async function create(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = (await readJson(request)) as Partial<StubTransaction> | undefined;
  if (!body || typeof body.amount !== 'number' || typeof body.currency !== 'string') {
    send(response, 200, {
      success: false,
      error: { code: 400, message: 'The request could not be understood', name: 'BAD_REQUEST' },
    });
    return;
  }
  const now = new Date().toISOString();
  const transaction: StubTransaction = {
    id: nextId(),
    merchant: String(body.merchant ?? ''),
    businessName: String(body.businessName ?? ''),
    channel: 1,
    amount: body.amount,
    currency: body.currency.toLowerCase(),
    description: typeof body.description === 'string' ? body.description : null,
    structure: {},
    state: 0,
    createdOn: now,
    updatedOn: now,
  };
  transactions.set(transaction.id, transaction);
  if (transactions.size > KEEP) transactions.delete(transactions.keys().next().value!);
  if (request.headers.authorization === PEER_AUTHORIZATION) counts.createByPeers += 1;
  else counts.create += 1;
  send(response, 200, { success: true, data: transaction });
}

function list(url: URL, response: ServerResponse): void {
  const limit = Math.max(1, Number(url.searchParams.get('limit') ?? 25) || 25);
  const page: StubTransaction[] = [];
  for (const transaction of transactions.values()) {
    if (page.length >= limit) break;
    page.push(transaction);
  }
  counts.list += 1;
  send(response, 200, { success: true, data: page });
}

const server = createServer((request, response) => {
  if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
    send(response, 401, { success: false, error: { code: 401, message: 'Unauthorized', name: 'FORBIDDEN' } });
    return;
  }
  const url = new URL(request.url ?? '/', 'http://upstream');
  if (request.method === 'POST' && url.pathname === '/transaction') return void create(request, response);
  if (request.method === 'GET' && url.pathname === '/transaction') return list(url, response);
  const match = /^\/transaction\/([\w-]+)$/.exec(url.pathname);
  if (request.method === 'GET' && match) {
    counts.read += 1;
    const transaction = transactions.get(match[1]!);
    if (transaction) send(response, 200, { success: true, data: transaction });
    else notFound(response, match[1]!);
    return;
  }
  send(response, 404, {
    success: false,
    error: { code: 501, message: 'Not implemented', name: 'NOT_IMPLEMENTED' },
  });
});
server.keepAliveTimeout = 72_000;

process.on('message', (message: { type: string; id: number }) => {
  if (message.type === 'counts') {
    process.send!({ type: 'counts', id: message.id, counts: { ...counts } });
    counts.create = counts.createByPeers = counts.read = counts.list = 0;
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
});

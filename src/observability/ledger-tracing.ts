import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AliasNode, TableNode, type KyselyConfig, type LogEvent, type OperationNode } from 'kysely';
import { activeTracer } from './tracing.js';

export type LedgerSystem = 'sqlite' | 'postgresql';

interface LedgerWrite {
  operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'COMMIT';
  table?: string;
}

/**
 * Kysely options that give each ledger write (INSERT, UPDATE, DELETE, and the COMMIT that makes a
 * transaction durable) a span, when tracing is on; no options at all when it is off. Kysely's query log
 * is the hook rather than a plugin because it also reports failed statements (a unique-key race, a
 * refused transition), which plugins never see. Reads are not traced. A span names the statement and its
 * table only: never the SQL parameters, which hold account references and amounts.
 */
export function ledgerTracing(system: LedgerSystem): Pick<KyselyConfig, 'log'> {
  if (!activeTracer()) return {};
  return { log: (event) => traceLedgerWrite(system, event) };
}

function traceLedgerWrite(system: LedgerSystem, event: LogEvent): void {
  const tracer = activeTracer();
  const write = describeWrite(event.query.query, event.query.sql);
  if (!tracer || !write) return;
  const end = performance.timeOrigin + performance.now();
  const span = tracer.startSpan(write.table ? `${write.operation} ${write.table}` : write.operation, {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: {
      'db.system.name': system,
      'db.operation.name': write.operation,
      ...(write.table ? { 'db.collection.name': write.table } : {}),
    },
  });
  if (event.level === 'error') {
    span.setAttribute('error.type', errorType(event.error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end(end);
}

function describeWrite(node: OperationNode, sql: string): LedgerWrite | undefined {
  const write = statementOf(node, sql);
  // Kysely's own bookkeeping (migrations and their lock) is no ledger write.
  return write?.table?.startsWith('kysely_') ? undefined : write;
}

function statementOf(node: OperationNode, sql: string): LedgerWrite | undefined {
  switch (node.kind) {
    case 'InsertQueryNode':
      return { operation: 'INSERT', table: tableName((node as { into?: OperationNode }).into) };
    case 'UpdateQueryNode':
      return { operation: 'UPDATE', table: tableName((node as { table?: OperationNode }).table) };
    case 'DeleteQueryNode':
      return {
        operation: 'DELETE',
        table: tableName((node as { from?: { froms: readonly OperationNode[] } }).from?.froms[0]),
      };
    case 'RawNode':
      return /^\s*commit\b/i.test(sql) ? { operation: 'COMMIT' } : undefined;
    default:
      return undefined;
  }
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (AliasNode.is(node)) return tableName(node.node);
  return TableNode.is(node) ? node.table.identifier.name : undefined;
}

/** The driver's error code (SQLITE_CONSTRAINT_UNIQUE, 23505 …): bounded, and never a value. */
function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) return code;
  return error instanceof Error ? error.name : 'error';
}

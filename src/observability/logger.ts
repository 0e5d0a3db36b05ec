import pino, { type DestinationStream, type Logger } from 'pino';
import { censoringSerializers, redact, redactLogFields } from './redaction.js';
import { activeTraceFields, activeTracer } from './tracing.js';

/**
 * Structured JSON logs; `destination` lets tests capture every line. Sensitive keys are censored by
 * `redaction.ts` rather than pino's path-based `redact`, whose wildcard paths ran every field of every
 * line through the redactor. With tracing on, lines written inside a span carry its trace_id and span_id.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'paygraph' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: redactLogFields },
      serializers: {
        ...censoringSerializers(),
        err: (error: unknown) => redact(pino.stdSerializers.err(error as Error)),
        // The path only: a query string may carry GraphQL variables.
        req: (request: { method?: string; url?: string; ip?: string }) => ({
          method: request.method,
          path: request.url?.split('?')[0],
          remoteAddress: request.ip,
        }),
      },
      ...(activeTracer() ? { mixin: () => activeTraceFields() ?? {} } : {}),
    },
    destination,
  );
}

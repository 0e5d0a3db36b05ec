import pino, { type DestinationStream, type Logger } from 'pino';
import { REDACTED_LOG_PATHS } from './redaction.js';
import { activeTraceFields, activeTracer } from './tracing.js';

/**
 * Structured JSON logs; `destination` lets tests capture every line. With tracing on, lines written
 * inside a span carry its trace_id and span_id.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'paygraph' },
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
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

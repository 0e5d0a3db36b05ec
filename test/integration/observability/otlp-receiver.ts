import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as an OTLP exporter sent it, decoded from protobuf or JSON. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Empty for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  resource: Record<string, unknown>;
}

/**
 * An OTLP/HTTP traces endpoint on loopback, as a collector would be: it accepts `POST /v1/traces` in
 * protobuf (`application/x-protobuf`, the default protocol) or JSON, keeps every raw body (for leak
 * checks) and decodes the spans.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly bodies: Buffer[] = [];
  readonly contentTypes: string[] = [];

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const type = request.headers['content-type'] ?? '';
      this.receive(Buffer.concat(chunks), type);
      const json = type.includes('json');
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : undefined);
    });
  });

  private constructor() {}

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Every span of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** Everything received, as text: protobuf keeps strings as UTF-8, so a secret would show in it too. */
  get rawText(): string {
    return this.bodies.map((body) => body.toString('utf8')).join('\n');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private receive(body: Buffer, contentType: string): void {
    this.bodies.push(body);
    this.contentTypes.push(contentType);
    const spans = contentType.includes('json') ? fromJson(body) : fromProtobuf(body);
    this.spans.push(...spans);
  }
}

// --- OTLP/JSON (hex ids, attributes as { key, value: { stringValue | intValue | … } }) ----------------

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
}
interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}

function fromJson(body: Buffer): ReceivedSpan[] {
  const request = JSON.parse(body.toString('utf8')) as {
    resourceSpans?: {
      resource?: { attributes?: JsonKeyValue[] };
      scopeSpans?: {
        spans?: {
          traceId: string;
          spanId: string;
          parentSpanId?: string;
          name: string;
          kind: number;
          attributes?: JsonKeyValue[];
          status?: { code?: number };
        }[];
      }[];
    }[];
  };
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = jsonAttributes(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        attributes: jsonAttributes(span.attributes),
        statusCode: span.status?.code ?? 0,
        resource,
      })),
    );
  });
}

function jsonAttributes(list: JsonKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, jsonValue(value)]));
}

function jsonValue(value: JsonAnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(jsonValue);
  return undefined;
}

// --- OTLP/protobuf: the wire format read field by field (opentelemetry/proto/trace/v1) ---------------

type Field = { number: number; varint?: bigint; bytes?: Buffer; fixed64?: Buffer };

function fields(buffer: Buffer): Field[] {
  const out: Field[] = [];
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = buffer[offset++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (offset < buffer.length) {
    const key = Number(varint());
    const number = key >>> 3;
    switch (key & 7) {
      case 0:
        out.push({ number, varint: varint() });
        break;
      case 1:
        out.push({ number, fixed64: buffer.subarray(offset, offset + 8) });
        offset += 8;
        break;
      case 2: {
        const length = Number(varint());
        out.push({ number, bytes: buffer.subarray(offset, offset + length) });
        offset += length;
        break;
      }
      case 5:
        offset += 4;
        break;
      default:
        throw new Error(`unsupported protobuf wire type ${key & 7}`);
    }
  }
  return out;
}

const messages = (buffer: Buffer, number: number) =>
  fields(buffer)
    .filter((field) => field.number === number && field.bytes)
    .map((field) => field.bytes!);
const first = (buffer: Buffer, number: number) => fields(buffer).find((field) => field.number === number);

function fromProtobuf(body: Buffer): ReceivedSpan[] {
  // ExportTraceServiceRequest.resource_spans = 1; ResourceSpans.resource = 1, scope_spans = 2;
  // ScopeSpans.spans = 2; Resource.attributes = 1.
  return messages(body, 1).flatMap((resourceSpans) => {
    const resourceMessage = messages(resourceSpans, 1)[0];
    const resource = resourceMessage ? protoAttributes(resourceMessage, 1) : {};
    return messages(resourceSpans, 2).flatMap((scopeSpans) =>
      messages(scopeSpans, 2).map((span) => protoSpan(span, resource)),
    );
  });
}

function protoSpan(span: Buffer, resource: Record<string, unknown>): ReceivedSpan {
  // Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9, status 15 (code 3).
  const status = messages(span, 15)[0];
  return {
    traceId: first(span, 1)?.bytes?.toString('hex') ?? '',
    spanId: first(span, 2)?.bytes?.toString('hex') ?? '',
    parentSpanId: first(span, 4)?.bytes?.toString('hex') ?? '',
    name: first(span, 5)?.bytes?.toString('utf8') ?? '',
    kind: Number(first(span, 6)?.varint ?? 0n),
    attributes: protoAttributes(span, 9),
    statusCode: status ? Number(first(status, 3)?.varint ?? 0n) : 0,
    resource,
  };
}

function protoAttributes(message: Buffer, number: number): Record<string, unknown> {
  // KeyValue: key 1, value 2.
  return Object.fromEntries(
    messages(message, number).map((keyValue) => {
      const value = messages(keyValue, 2)[0];
      return [first(keyValue, 1)?.bytes?.toString('utf8') ?? '', value ? protoValue(value) : undefined];
    }),
  );
}

function protoValue(value: Buffer): unknown {
  // AnyValue: string 1, bool 2, int 3, double 4, array 5 (ArrayValue.values 1).
  const [field] = fields(value);
  if (!field) return undefined;
  switch (field.number) {
    case 1:
      return field.bytes!.toString('utf8');
    case 2:
      return field.varint !== 0n;
    case 3:
      return Number(BigInt.asIntN(64, field.varint!));
    case 4:
      return field.fixed64!.readDoubleLE(0);
    case 5:
      return messages(field.bytes!, 1).map(protoValue);
    default:
      return undefined;
  }
}

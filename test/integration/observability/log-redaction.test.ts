import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../src/observability/logger.js';
import { SENSITIVE_LOG_KEY_NAMES } from '../../../src/observability/redaction.js';
import { LogCapture } from '../../helpers/log-capture.js';

const SECRET = 'S3cret-value-that-must-not-show';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): {
  text: string;
  lines: Record<string, unknown>[];
} {
  const capture = new LogCapture();
  write(createLogger('trace', capture));
  return { text: capture.text, lines: capture.parsed() };
}

/** The censoring the logger applies to every line: by key name, at any depth, in errors too. */
describe('log redaction', () => {
  it('censors every sensitive key at the top level, nested, in arrays and whatever its case', () => {
    for (const key of SENSITIVE_LOG_KEY_NAMES) {
      const upper = key.toUpperCase();
      const { text, lines } = logged((logger) =>
        logger.info(
          {
            [key]: SECRET,
            input: { [upper]: SECRET, deeper: { list: [{ [key]: SECRET }] } },
            req: { headers: { [key]: SECRET } },
          },
          'line',
        ),
      );
      expect({ key, leaked: text.includes(SECRET) }).toEqual({ key, leaked: false });
      expect(lines[0]![key]).toBe('[redacted]');
    }
  });

  it('censors child-logger bindings named as listed', () => {
    const { text } = logged((logger) =>
      logger.child({ token: SECRET, accessToken: SECRET, reqId: 'r-1' }).info('bound'),
    );
    expect(text).not.toContain(SECRET);
    expect(text).toContain('r-1');
  });

  it('censors the enumerable properties of an error and what JSON would write for objects', () => {
    class RequestError extends Error {
      options = { headers: { authorization: `Bearer ${SECRET}` }, url: 'https://provider.test/x' };
    }
    const withToJson = { toJSON: () => ({ headers: { 'x-api-key': SECRET }, kept: 'visible' }) };
    const { text, lines } = logged((logger) => {
      logger.warn({ err: new RequestError('provider unreachable') }, 'failed');
      logger.info({ options: withToJson }, 'serialised');
    });
    expect(text).not.toContain(SECRET);
    expect(lines[0]).toMatchObject({
      err: {
        type: 'RequestError',
        message: 'provider unreachable',
        options: { url: 'https://provider.test/x' },
      },
    });
    expect(lines[1]).toMatchObject({ options: { kept: 'visible', headers: { 'x-api-key': '[redacted]' } } });
  });

  it('leaves lines with nothing sensitive exactly as written', () => {
    const fields = {
      provider: 'NUPEYE',
      operation: 'rechargeAccount',
      status: 200,
      nested: { kind: 'login' },
    };
    const { lines } = logged((logger) => logger.info(fields, 'provider call'));
    expect(lines[0]).toMatchObject(fields);
  });
});

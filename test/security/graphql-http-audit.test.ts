import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/**
 * Audits the gateway does not meet on purpose: Apollo answers 400 to documents it refuses before
 * execution (which our hostile-document tests rely on), and CSRF prevention refuses GET requests that
 * carry no preflight-forcing header, which is what the MAY audits send.
 */
const ACCEPTED_DEVIATIONS = [
  'MAY accept application/x-www-form-urlencoded formatted GET requests',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
  'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
  'SHOULD use 200 status code on document parsing failure when accepting application/json',
  'SHOULD use 200 status code on document validation failure when accepting application/json',
  'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
];

describe('the GraphQL over HTTP audit suite (graphql-http) against the running gateway', () => {
  let gw: TestGateway;
  let results: AuditResult[];

  beforeAll(async () => {
    gw = await startTestGateway();
    results = [];
    for (const audit of serverAudits({ url: `${gw.url}/graphql` })) results.push(await audit.fn());
  }, 60_000);
  afterAll(() => gw.close());

  it('runs the whole suite', () => {
    expect(results.length).toBeGreaterThan(40);
  });

  it('fails no MUST audit', () => {
    const failed = results
      .filter((result) => result.name.startsWith('MUST') && result.status !== 'ok')
      .map((result) => `${result.id} ${result.name}`);
    expect(failed).toEqual([]);
  });

  it('deviates from SHOULD and MAY audits only where it chose to', () => {
    const deviations = results.filter((result) => result.status !== 'ok').map((result) => result.name);
    expect(deviations.sort()).toEqual([...ACCEPTED_DEVIATIONS].sort());
  });
});

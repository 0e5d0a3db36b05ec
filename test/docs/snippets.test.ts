import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../helpers/wait-until.js';
import {
  printedToken,
  REPOSITORY,
  spawnGateway,
  waitUntilReady,
  type GatewayProcess,
} from '../integration/server/gateway-process.js';
import { docPages, fencesOf, runnableFences, type Fence } from './doc-pages.js';
import { shapeDifferences } from './shape.js';
import { freePort } from '../helpers/free-port.js';

jest.setTimeout(120_000);

/** The origin every page's snippets use: `npm start`'s. */
const DOCUMENTED_ORIGIN = 'localhost:4000';
/** What the sandbox logs when it sends an OTP: EnayaPay's registration, NCHL's withdrawal. */
const OTP_LINES = [/"otp":"(\d+)","msg":"EnayaPay sandbox OTP sent"/g, /sandbox OTP (\d+) sent by SMS/g];

/**
 * Every shell and GraphQL snippet of README.md and docs/, run in page order against one sandbox gateway
 * (`npm start`'s mode, the TypeScript sources), its answer compared by shape with the JSON the page
 * shows under it. Shell snippets run in bash from the repository, as a reader runs them in a second
 * terminal: `npm run token` signs with the gateway's secret, variables set by one snippet of a page are
 * there for the next, and `OTP=…` takes the OTP the gateway last logged (the page tells the reader to
 * copy it from there). GraphQL snippets run as the console does, with the token the gateway prints.
 */
describe('the snippets of the docs, against a sandbox gateway', () => {
  const directory = mkdtempSync(join(tmpdir(), 'paygraph-docs-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SQLITE_PATH: join(directory, 'paygraph.sqlite'),
    LOG_LEVEL: 'info',
  };
  let gateway: GatewayProcess;
  let consoleToken: string;
  /** How much of the gateway's output earlier snippets had seen: an OTP must come after it. */
  let seenOutput = 0;

  beforeAll(async () => {
    gateway = spawnGateway(env, await freePort());
    await waitUntilReady(gateway);
    consoleToken = await printedToken(gateway);
  });

  afterAll(async () => {
    gateway?.child.kill('SIGTERM');
    await gateway?.exited;
    rmSync(directory, { recursive: true, force: true });
  });

  const origin = () => gateway.url.replace(/^http:\/\//, '');

  const latestOtp = async (): Promise<string> => {
    let otp: string | undefined;
    await waitUntil(() => {
      const fresh = gateway.output().slice(seenOutput);
      const found = OTP_LINES.flatMap((pattern) =>
        [...fresh.matchAll(pattern)].map((match) => ({ at: match.index, otp: match[1]! })),
      ).sort((a, b) => a.at - b.at);
      otp = found.at(-1)?.otp;
      return otp !== undefined;
    }, 'the sandbox logs an OTP');
    return otp!;
  };

  const runShell = async (fence: Fence, stateFile: string): Promise<string> => {
    let code = fence.code.replaceAll(DOCUMENTED_ORIGIN, origin());
    if (/^OTP=\S+$/m.test(code)) code = code.replace(/^OTP=\S+$/m, `OTP=${await latestOtp()}`);
    const assigned = [...new Set([...code.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1]!))];
    const script = [
      'set -eo pipefail',
      `[ -f '${stateFile}' ] && . '${stateFile}'`,
      code,
      // What this snippet set stays for the next snippets of the page.
      ...(assigned.length ? [`declare -p ${assigned.join(' ')} >> '${stateFile}'`] : []),
    ].join('\n');
    return new Promise((resolve, reject) =>
      execFile('bash', ['-c', script], { cwd: REPOSITORY, env }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
  };

  const runGraphql = async (fence: Fence): Promise<string> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${consoleToken}` },
      body: JSON.stringify({ query: fence.code }),
    });
    return response.text();
  };

  for (const page of docPages()) {
    const fences = runnableFences(fencesOf(page));
    if (fences.length === 0) continue;
    describe(page, () => {
      const stateFile = join(directory, `${page.replace(/\W/g, '_')}.state.sh`);
      for (const fence of fences) {
        it(`${fence.lang} snippet at line ${fence.line} answers as the page shows`, async () => {
          const mark = gateway.output().length;
          const output = fence.lang === 'sh' ? await runShell(fence, stateFile) : await runGraphql(fence);
          seenOutput = mark;
          let answer: unknown;
          try {
            answer = JSON.parse(output);
          } catch {
            throw new Error(`${page}:${fence.line} printed no JSON:\n${output}`);
          }
          if (fence.answer) {
            const shown: unknown = JSON.parse(fence.answer.code);
            expect({ answer, differences: shapeDifferences(answer, shown) }).toEqual({
              answer,
              differences: [],
            });
          } else {
            // A snippet the page shows no answer for must at least succeed.
            expect((answer as { errors?: unknown }).errors).toBeUndefined();
          }
        });
      }
    });
  }
});

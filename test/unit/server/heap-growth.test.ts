import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const module = new URL('../../../src/server/heap-growth.ts', import.meta.url).href;

/**
 * Runs limitHeapGrowth in a fresh Node with V8's GC trace on, grows the old generation and collects it
 * in full: V8 prints each new old-generation limit with the growth factor it used.
 */
function growthFactors(nodeArgs: string[]): { limited: string; factors: string[] } {
  const script = `
    import { limitHeapGrowth } from ${JSON.stringify(module)};
    const limited = limitHeapGrowth(process.execArgv);
    const kept = [];
    for (let i = 0; i < 300000; i += 1) kept.push({ i, text: 'item ' + i });
    globalThis.gc();
    console.log('limited=' + limited + ' kept=' + kept.length);`;
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      '@swc-node/register/esm-register',
      '--expose-gc',
      '--trace-gc-verbose',
      ...nodeArgs,
      '--input-type=module',
      '-e',
      script,
    ],
    { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );
  expect(run.status).toBe(0);
  const factors = [...run.stdout.matchAll(/\[HeapController\] Limit: .*\(([\d.]+)\)/g)].map((m) => m[1]!);
  return { limited: /limited=(\w+)/.exec(run.stdout)?.[1] ?? '', factors };
}

describe('heap growth', () => {
  it('grows the old generation by 10 % between full collections, set while the process runs', () => {
    const { limited, factors } = growthFactors([]);
    expect(limited).toBe('true');
    expect(factors.length).toBeGreaterThan(0);
    expect(new Set(factors)).toEqual(new Set(['1.1']));
  });

  it("leaves an operator's own node --heap-growing-percent in force", () => {
    const { limited, factors } = growthFactors(['--heap-growing-percent=50']);
    expect(limited).toBe('false');
    expect(factors.length).toBeGreaterThan(0);
    expect(new Set(factors)).toEqual(new Set(['1.5']));
  });
});

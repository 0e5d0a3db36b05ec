import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const module = new URL('../../../src/server/heap-growth.ts', import.meta.url).href;

/**
 * Runs limitHeapGrowth in a fresh Node with V8's GC trace on, grows the old generation and collects it
 * in full, and returns the growth factor V8 used for the limit it set after that last collection. Earlier
 * collections (while modules load, before the flag is set) are not read. V8 up to 12 prints the factor on
 * its "Limit:" line; V8 13 prints it on the "factor … based on" line before it instead.
 */
function lastGrowthFactor(nodeArgs: string[]): { limited: string; factor: string } {
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
  const controller = run.stdout.split('\n').filter((line) => line.includes('[HeapController]'));
  const lastLimit = controller.findLastIndex((line) => line.includes('Limit:'));
  const onLimit = /Limit: .*\(([\d.]+)\)/.exec(controller[lastLimit] ?? '')?.[1];
  const onFactor = /factor ([\d.]+) based on/.exec(controller[lastLimit - 1] ?? '')?.[1];
  return { limited: /limited=(\w+)/.exec(run.stdout)?.[1] ?? '', factor: onLimit ?? onFactor ?? 'none' };
}

describe('heap growth', () => {
  it('grows the old generation by 10 % between full collections, set while the process runs', () => {
    const { limited, factor } = lastGrowthFactor([]);
    expect(limited).toBe('true');
    expect(factor).toBe('1.1');
  });

  it("leaves an operator's own node --heap-growing-percent in force", () => {
    const { limited, factor } = lastGrowthFactor(['--heap-growing-percent=50']);
    expect(limited).toBe('false');
    expect(factor).toBe('1.5');
  });
});

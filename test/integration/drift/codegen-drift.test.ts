import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface CodegenConfig {
  generates: Record<string, unknown>;
  [key: string]: unknown;
}

describe('the generated typed client', () => {
  it('matches what codegen makes of the committed schema and operations (run `npm run codegen`)', () => {
    const config = parseYaml(readFileSync(join(root, 'codegen.yml'), 'utf8')) as CodegenConfig;
    const [[committedPath, target]] = Object.entries(config.generates) as [[string, unknown]];
    const scratch = mkdtempSync(join(tmpdir(), 'paygraph-codegen-'));
    const output = join(scratch, 'graphql.ts');
    const configPath = join(scratch, 'codegen.json');
    writeFileSync(configPath, JSON.stringify({ ...config, generates: { [output]: target } }));
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', configPath],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(join(root, committedPath), 'utf8'));
  }, 120_000);
});

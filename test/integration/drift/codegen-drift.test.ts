import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface CodegenConfig {
  generates: Record<string, unknown>;
  [key: string]: unknown;
}

/** The files an output names: itself, or every file of a preset's folder (`path/`). */
function filesOf(output: string, base: string): string[] {
  if (!output.endsWith('/')) return [output];
  return readdirSync(join(base, output))
    .sort()
    .map((file) => output + file);
}

describe('the generated client, test documents and manifests', () => {
  it('match what codegen makes of the committed schema and operations (run `npm run codegen`)', () => {
    const config = parseYaml(readFileSync(join(root, 'codegen.yml'), 'utf8')) as CodegenConfig;
    const scratch = mkdtempSync(join(tmpdir(), 'paygraph-codegen-'));
    const generates = Object.fromEntries(
      Object.entries(config.generates).map(([output, target]) => [join(scratch, output), target]),
    );
    const configPath = join(scratch, 'codegen.json');
    writeFileSync(configPath, JSON.stringify({ ...config, generates }));
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', configPath],
      {
        cwd: root,
        stdio: 'pipe',
      },
    );
    const outputs = Object.keys(config.generates);
    expect(outputs.length).toBe(3);
    for (const output of outputs) {
      const fresh = filesOf(output, scratch);
      expect({ output, files: filesOf(output, root) }).toEqual({ output, files: fresh });
      for (const file of fresh) {
        expect({
          file,
          stale: readFileSync(join(root, file), 'utf8') !== readFileSync(join(scratch, file), 'utf8'),
        }).toEqual({
          file,
          stale: false,
        });
      }
    }
  }, 120_000);
});

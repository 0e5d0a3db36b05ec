// Builds dist/ once, before any test file runs, when a source is newer than it: the tests that start the
// built gateway run in parallel workers, and a rebuild one of them started would replace dist/ under
// another one's running gateway.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, URL } from 'node:url';

export default function buildBeforeTests() {
  execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    stdio: 'ignore',
  });
}

// `npm ci` (prepare) and `npm start` (prestart) build when dist/ is missing or older than any source file.
// Without sources (a production image installing its dependencies first) there is nothing to build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync('src')) process.exit(0);
const built = existsSync('dist/main.js') ? statSync('dist/main.js').mtimeMs : 0;
if (built === 0 || newestMtime('src') > built) {
  console.log('Building PayGraph…');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

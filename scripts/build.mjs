// `npm run build`: TypeScript → dist/modules (tsc: decorator metadata, which type-graphql needs), then one
// bundle from there → dist/main.js with chunks for what loads lazily (esbuild). Start-up was mostly
// module resolution and loading of some 2,000 files; the bundle is a handful. Native better-sqlite3
// and the optional pg-native stay in node_modules.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * CommonJS packages that the bundle requires at load but uses only when a rarely used function is called:
 * each becomes a stand-in that requires the real package from node_modules on first use, so start-up does
 * not parse and evaluate it. libphonenumber-js (300 kB) is required by class-validator for
 * `@IsPhoneNumber`, which PayGraph's inputs do not use; pg only serves a ledger on PostgreSQL
 * (`DATABASE_URL`), and its first use is the pool the ledger opens. The stand-in answers `__esModule` as
 * neither package sets it, so that the bundle's interop reads it without loading the package.
 */
const LOADED_ON_FIRST_USE = ['libphonenumber-js/max', 'pg'];

const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(build) {
    const filter = new RegExp(
      `^(${LOADED_ON_FIRST_USE.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`,
    );
    build.onResolve({ filter }, (args) =>
      args.namespace === 'loaded-on-first-use'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'loaded-on-first-use' },
    );
    build.onLoad({ filter: /.*/, namespace: 'loaded-on-first-use' }, (args) => ({
      contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, {
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
});`,
      loader: 'js',
    }));
  },
};

rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', 'dist/modules'],
  { stdio: 'inherit' },
);
await build({
  entryPoints: { main: 'dist/modules/main.js' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // type-graphql names GraphQL types after classes: no renaming, even where two modules share a name.
  keepNames: true,
  // Start-up reads, decodes and compiles these chunks before anything else: half the bytes, less of each.
  minify: true,
  sourcemap: 'linked',
  external: ['better-sqlite3', 'pg-native'],
  plugins: [loadedOnFirstUse],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __paygraphRequire } from 'node:module'; const require = __paygraphRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

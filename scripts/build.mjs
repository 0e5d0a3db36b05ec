// `npm run build`: TypeScript → dist/modules (tsc: decorator metadata, which type-graphql needs), then one
// bundle from there → dist/main.js with chunks for what loads lazily (esbuild). Start-up was mostly
// module resolution and loading of some 2,000 files; the bundle is a handful. Native better-sqlite3
// and the optional pg-native stay in node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * CommonJS packages that the bundle requires at load but uses only in a path few gateways take: each
 * becomes a stand-in that requires the real package from node_modules on first use, so start-up does not
 * parse and evaluate it. pg only serves a ledger on PostgreSQL (`DATABASE_URL`), and its first use is the
 * pool the ledger opens. The stand-in answers `__esModule` itself (pg does not set it), so that the
 * bundle's interop reads it without loading the package.
 */
const LOADED_ON_FIRST_USE = ['pg'];

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

/**
 * class-validator's entry requires every one of its ~150 decorators, and with them all of validator.js
 * and libphonenumber-js; PayGraph uses the few below. The bundle takes those from their own modules (the
 * same package, the same global metadata storage). A name imported from 'class-validator' that is not
 * listed here fails the build ("No matching export"), rather than the gateway at run time.
 */
const CLASS_VALIDATOR_PARTS = `
export { IsInt } from 'class-validator/cjs/decorator/typechecker/IsInt.js';
export { IsOptional } from 'class-validator/cjs/decorator/common/IsOptional.js';
export { Matches } from 'class-validator/cjs/decorator/string/Matches.js';
export { Max } from 'class-validator/cjs/decorator/number/Max.js';
export { MaxLength } from 'class-validator/cjs/decorator/string/MaxLength.js';
export { Min } from 'class-validator/cjs/decorator/number/Min.js';
export { MinLength } from 'class-validator/cjs/decorator/string/MinLength.js';
export { ValidationError } from 'class-validator/cjs/validation/ValidationError.js';
import { getFromContainer } from 'class-validator/cjs/container.js';
import { Validator } from 'class-validator/cjs/validation/Validator.js';
/** As class-validator's own validate and validateOrReject (type-graphql's, when validation is on). */
export const validate = (object, options) => getFromContainer(Validator).validate(object, options);
export const validateOrReject = (object, options) =>
  getFromContainer(Validator).validateOrReject(object, options);
`;

/** A plugin answering the import of one bare module name with `contents`, resolved from the repository. */
function replacedModule(name, moduleName, contents) {
  const filter = new RegExp(`^${moduleName.replace(/[/.]/g, '\\$&')}$`);
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: moduleName, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}

const classValidatorParts = replacedModule('class-validator-parts', 'class-validator', CLASS_VALIDATOR_PARTS);

/**
 * graphql ships CommonJS (`main`) and ES modules (`module`, `.mjs` beside each file). Bundled from
 * CommonJS, every ES module importing it (PayGraph's own, Apollo's, type-graphql's: about ninety) copies
 * its ~400 exports into a namespace object of getters at load, some 45 ms of start-up. Every import and
 * require of graphql, subpaths included, takes the `.mjs` file instead: one module graph, so one graphql
 * for every package, and imports bound directly.
 */
const graphqlModules = {
  name: 'graphql-modules',
  setup(build) {
    build.onResolve({ filter: /^graphql(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'graphql-modules') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'graphql-modules',
      });
      if (resolved.errors.length > 0) return resolved;
      const esm = resolved.path.replace(/\.js$/, '.mjs');
      return { ...resolved, path: existsSync(esm) ? esm : resolved.path };
    });
  },
};

/**
 * @apollo/utils.createhash answers node:crypto's createHash only where `module.require` exists, which
 * esbuild's CommonJS wrapper does not provide; bundled, it fell back to sha.js, SHA-256 in JavaScript,
 * which Apollo Server runs over every request's document. The bundle takes node:crypto's directly.
 */
const nativeCreateHash = replacedModule(
  'native-create-hash',
  '@apollo/utils.createhash',
  "export { createHash } from 'node:crypto';",
);

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
  // ES module builds where a package has both (graphql-armor, OpenTelemetry): bound directly, no
  // CommonJS wrapper compiled twice and no namespace copies at load.
  mainFields: ['module', 'main'],
  target: 'node20',
  // Start-up reads, decodes and compiles these chunks before anything else: fewer bytes, less of each.
  // Identifiers keep their names, so stack traces and the error types in logs read as in the sources.
  // keepNames stays off: it wraps every function and class created at run time in an
  // Object.defineProperty call (3-4 % of a read's CPU in the profile); GraphQL types are named in
  // their decorators instead (an ESLint rule on src/schema), not after their classes.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  // Fastify's schema compilers load from node_modules when a route first declares a schema
  // (src/http/schema-compilers-on-first-use.ts): bundled, start-up would parse them for nothing.
  external: ['better-sqlite3', 'pg-native', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
  plugins: [loadedOnFirstUse, classValidatorParts, graphqlModules, nativeCreateHash],
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __paygraphRequire } from 'node:module'; const require = __paygraphRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

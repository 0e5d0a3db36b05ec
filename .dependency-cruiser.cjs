/**
 * The layers of src/ (docs/architecture.md), checked in `npm run lint`. An arrow points at what a layer may import:
 *
 *   domain, crypto, http (leaves) ← config, observability ← {ledger, providers, shared-state} ← {operations, sessions}
 *   ← schema ← server ← main.ts;  sandbox ← nothing above domain, http and config.
 *
 * Siblings never import each other, so no folder cycle can form; no module cycle is allowed either.
 */
const layer = (name, mayImport) => ({
  name: `${name}-imports-only-below`,
  comment: `src/${name}/ may import only ${mayImport.length ? mayImport.join(', ') : 'nothing else in src/'}`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    pathNot: [`^src/${name}/`, ...mayImport.map((target) => `^src/${target}/`)],
  },
});

const leaves = ['domain', 'crypto', 'http'];
const base = [...leaves, 'config', 'observability'];
const stores = [...base, 'ledger', 'providers', 'shared-state'];

module.exports = {
  forbidden: [
    layer('domain', []),
    layer('crypto', []),
    layer('http', []),
    layer('config', leaves),
    layer('observability', ['domain']),
    layer('ledger', base),
    layer('providers', base),
    layer('shared-state', base),
    layer('operations', stores),
    layer('sessions', stores),
    layer('schema', [...base, 'operations', 'sessions']),
    layer('server', [...stores, 'operations', 'sessions', 'schema', 'sandbox', 'generated']),
    layer('sandbox', ['domain', 'crypto', 'http', 'config']),
    {
      name: 'no-circular',
      comment: 'modules form no cycle',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'only-entry-points-import-server',
      comment: 'nothing but main.ts (and tests) starts the server',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/main\\.ts$'] },
      to: { path: '^src/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

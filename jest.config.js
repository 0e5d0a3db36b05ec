/** Tests run as native ESM; @swc/jest compiles TypeScript with decorator metadata (type-graphql needs it). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          target: 'es2022',
          transform: { legacyDecorator: true, decoratorMetadata: true },
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/helpers/build-before-tests.mjs',
  setupFiles: ['<rootDir>/test/helpers/setup-env.ts'],
  // A cutoff for a hung test, not a speed bar: generous, so that a loaded machine never reaches it.
  testTimeout: 120_000,
  maxWorkers: 2,
};

import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'coverage/**',
      'node_modules/**',
      'src/generated/**',
      'packages/client/dist/**',
      'packages/client/src/gql/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The build does not keep class names (esbuild's keepNames wraps every function created at run time),
    // so a GraphQL type takes its name from the decorator, never from its class.
    files: ['src/schema/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Decorator > CallExpression[callee.name=/^(ObjectType|InputType|InterfaceType)$/]:not(:has(> Literal.arguments:first-child)):not(:has(> TemplateLiteral.arguments:first-child))',
          message: 'Name the GraphQL type in its decorator: class names do not survive the build.',
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['scripts/**', 'bench/**', 'src/main.ts', 'src/sandbox/standalone.ts'],
    rules: { 'no-console': 'off' },
  },
);

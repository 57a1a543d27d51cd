// ESLint flat config: the usual TypeScript rules plus the one that keeps synthesis fast.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The package root and its `lib` barrel both load every resource binding.
const PROVIDER_ROOT = '^@cdktf/provider-[a-z0-9-]+(/lib(/index(\\.js)?)?)?$';
// The same pattern for esquery selectors, where `/` must be escaped.
const PROVIDER_ROOT_SELECTOR = PROVIDER_ROOT.replaceAll('/', '\\/');
const DEEP_IMPORT_HINT =
  'Import providers by deep path (e.g. @cdktf/provider-aws/lib/vpc); the package root loads every resource binding (~5 s and ~500 MB per process).';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/cdktf.out/**', '**/node_modules/**', '.nx/**', 'coverage/**', 'terraform-state/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: PROVIDER_ROOT, message: DEEP_IMPORT_HINT }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `CallExpression[callee.name='require'] > Literal[value=/${PROVIDER_ROOT_SELECTOR}/]`, message: DEEP_IMPORT_HINT },
        { selector: `ImportExpression > Literal[value=/${PROVIDER_ROOT_SELECTOR}/]`, message: DEEP_IMPORT_HINT },
        { selector: `TSImportType Literal[value=/${PROVIDER_ROOT_SELECTOR}/]`, message: DEEP_IMPORT_HINT },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // A provider read lazily by a closure is assigned once, after the closure is built.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Targets are required on demand so a synth never loads providers it does not use.
    files: ['packages/composition/src/targets.ts', 'packages/*/src/target.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/src/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);

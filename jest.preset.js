// Shared jest settings: transpile-only TypeScript through swc; types are checked by `npm run typecheck`.
const path = require('node:path');

module.exports = function jestProject(dir) {
  const root = path.resolve(__dirname);
  return {
    displayName: path.relative(root, dir),
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    },
    moduleNameMapper: { '^@mockforge-infra/([^/]+)$': `${root}/packages/$1/src` },
    setupFilesAfterEnv: [`${root}/tools/jest-setup.js`],
  };
};

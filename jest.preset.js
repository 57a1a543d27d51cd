// Shared jest settings: transpile-only TypeScript through swc; types are checked by `npm run typecheck`.
const path = require('node:path');

module.exports = function jestProject(dir) {
  const root = path.resolve(__dirname);
  return {
    displayName: path.relative(root, dir),
    rootDir: dir,
    testEnvironment: 'node',
    // Cdktf's matchers live on the global expect; keep them across test files.
    testEnvironmentOptions: { globalsCleanup: 'off' },
    // Some tests synthesize whole tiers; on a busy 2-core machine that can take several seconds.
    testTimeout: 60_000,
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    },
    moduleNameMapper: { '^@mockforge-infra/([^/]+)$': `${root}/packages/$1/src` },
    setupFilesAfterEnv: [`${root}/tools/jest-setup.js`],
  };
};

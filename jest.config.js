// Every project with a jest.config.js takes part in `npm test`, plus the workspace tests in tests/.
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const projects = ['packages', 'apps']
  .flatMap((group) =>
    readdirSync(join(__dirname, group))
      .sort()
      .map((name) => join(__dirname, group, name))
      .filter((dir) => existsSync(join(dir, 'jest.config.js'))),
  )
  .concat(join(__dirname, 'tests'));

module.exports = {
  projects,
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
};

// Two tiers: `unit` (*.spec.ts, pure, parallel) and `integration` (*.int-spec.ts beside the code and
// test/**/*.e2e-spec.ts across apps), which run one file at a time against real Kafka, PostgreSQL
// and Redis prepared by test/setup/global-setup.ts.
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@leadscore/config/cli$': '<rootDir>/libs/config/src/cli-config',
  '^@leadscore/(config|contracts|http|kafka|learning|observability|persistence|projection|routing|scoring|worker)$': '<rootDir>/libs/$1/src',
  '^@test/(.*)$': '<rootDir>/test/$1',
};
const common = { rootDir: __dirname, transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node' };

module.exports = {
  // jest 30 reads testTimeout only at the root; the unit tier never comes near it.
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,scripts,docker,test/support}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};

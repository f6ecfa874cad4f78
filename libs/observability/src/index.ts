export * from './health-check';
export * from './health.controller';
export * from './json-logger';
export * from './metrics';
export * from './observability.module';

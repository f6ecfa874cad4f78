export * from './json-logger';
export * from './log-redaction';
export * from './request-context';
export { type LogLevel } from './root-logger';

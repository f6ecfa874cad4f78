export * from './run-worker';
export * from './worker-deps';
export * from './worker-observability';
export * from './wakeable-sleep';

export * from './lead-view';
export * from './simulation-view';

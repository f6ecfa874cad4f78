export * from './fold-leads';
export * from './identity-effects';
export * from './to-scoring-event';

export * from './lead-view';

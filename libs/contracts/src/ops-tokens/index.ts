export * from './create-token.input';
export * from './ops-scopes';
export * from './token-view';

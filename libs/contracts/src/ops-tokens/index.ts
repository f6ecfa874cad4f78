export * from './create-token.input';
export * from './ops-scopes';

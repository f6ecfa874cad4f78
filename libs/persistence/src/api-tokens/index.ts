export * from './api-token-revocation';
export * from './api-token.repository';

export * from './ops-audit.repository';

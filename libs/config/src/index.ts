export * from './config-error';
export * from './config.module';
export * from './env-readers';
export * from './leadscore-config';

export * from './bootstrap-http-app';
export * from './count-requests';
export * from './errors-body';
export * from './http-exception.filter';
export * from './json-content-type';
export * from './page-limit';
export * from './request-errors';
export * from './validate-dto';

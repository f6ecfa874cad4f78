export * from './build-open-api';
export * from './open-api.options';
export * from './serve-open-api';
export * from './errors-body.schema';
export * from './document-coverage';
export * from './route-registry';
export * from './api-route.decorator';

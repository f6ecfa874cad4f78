export * from './web-origin';

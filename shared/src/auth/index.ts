export * from './permissions.js';
export * from './principal.js';

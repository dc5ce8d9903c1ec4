export * from './permissions.js';
export * from './principal.js';
export * from './keys.js';
export * from './assertion.js';
export * from './access-token.js';
export * from './village.js';

export * from './gateway.js';
export * from './compose.js';
export * from './admin-console.js';

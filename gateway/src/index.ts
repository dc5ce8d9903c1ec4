export * from './gateway.js';
export * from './compose.js';

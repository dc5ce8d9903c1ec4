export * from './suppression.js';
export * from './period.js';
export * from './table.js';
export * from './scope.js';
export * from './question.js';

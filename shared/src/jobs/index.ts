export * from './job.js';
export * from './scheduler.js';

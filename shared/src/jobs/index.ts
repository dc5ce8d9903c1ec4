export * from './job.js';
export * from './scheduled-job.entity.js';
export * from './scheduler.js';

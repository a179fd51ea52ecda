export * from './api.js';
export type * from './event-record.js';

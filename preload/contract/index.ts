export * from './api.js';
export type * from './event-record.js';
export * from './channels.js';
export type * from './analysis.js';

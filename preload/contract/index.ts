export * from './api.js';
export type * from './event-record.js';
export * from './channels.js';

// Starts a TypeScript worker entry when Cairn runs from source (tests): registers tsx in this
// worker, then loads the entry. Compiled builds start the .js entry directly and never use this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__tsEntry);

import type { PreparedFile, PrepareOptions } from './prepare-file.js';

export interface ParseAheadRequest {
  id: number;
  path: string;
  options: PrepareOptions;
}

export interface ParseAheadReply {
  id: number;
  prepared: PreparedFile;
}

// Moved to renderer-security.ts with the rest of how the renderer is served; kept for old imports.
export { CONTENT_SECURITY_POLICY } from './renderer-security.js';

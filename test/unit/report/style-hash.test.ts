import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_STYLE } from '../../../main/report/html.js';
import { CONTENT_SECURITY_POLICY, REPORT_STYLE_HASH } from '../../../main/core/renderer-security.js';

describe("the renderer's CSP and the report's stylesheet", () => {
  it('allow exactly the report stylesheet inline (the preview frame), in the header and in index.html', () => {
    const hash = `'sha256-${createHash('sha256').update(REPORT_STYLE).digest('base64')}'`;
    expect(REPORT_STYLE_HASH).toBe(hash);
    expect(CONTENT_SECURITY_POLICY).toContain(`style-src 'self' ${hash}`);
    const indexHtml = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    expect(indexHtml).toContain(`style-src 'self' ${hash};`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });
});

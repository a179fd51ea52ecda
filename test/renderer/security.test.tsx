import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Static guards on the renderer's source: evidence is attacker-controlled, so no code path may
 * turn a string into HTML, and the renderer reaches the case only through the contract.
 */
const root = join(import.meta.dirname, '..', '..', 'renderer');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && name !== 'vite.config.ts' ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));

describe('renderer source', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('never builds HTML from strings', () => {
    const forbidden = [
      /dangerouslySetInnerHTML/,
      /\.innerHTML\b/,
      /\.outerHTML\b/,
      /insertAdjacentHTML/,
      /document\.write/,
      /\.html\(/,
      /createContextualFragment/,
      /DOMParser/,
      /\beval\(/,
      /new Function\(/,
    ];
    for (const { path, text } of files) {
      for (const pattern of forbidden) expect(pattern.test(text), `${path} matches ${pattern}`).toBe(false);
    }
  });

  it('puts no evidence into URLs (no href/src bindings)', () => {
    for (const { path, text } of files) {
      expect(/\b(href|src|formAction|action)=\{/.test(text), path).toBe(false);
    }
  });

  it('binds srcdoc only in the report preview, on an iframe with an empty sandbox', () => {
    const preview = join('features', 'report', 'ReportPreview.tsx');
    for (const { path, text } of files) {
      if (path !== preview) expect(/\bsrcDoc\b|\bsrcdoc\b/i.test(text), path).toBe(false);
    }
    const text = files.find((file) => file.path === preview)?.text ?? '';
    const frames = [...text.matchAll(/<iframe\b[^>]*>/g)].map((match) => match[0]);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatch(/\ssandbox=""\s/);
    expect(frames[0]).toMatch(/\ssrcDoc=\{/);
    expect(text.match(/\bsrcDoc\b/g)).toHaveLength(1);
    // Nothing may loosen the sandbox afterwards.
    expect(/sandbox\s*=\s*\{|allow-|setAttribute\(\s*['"]sandbox/.test(text)).toBe(false);
  });

  it('imports nothing from main/ and only types from the contract, except the channel names in api.ts', () => {
    for (const { path, text } of files) {
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)];
      for (const [statement, typeOnly, from] of imports) {
        expect(from?.includes('/main/') || from?.startsWith('main/'), `${path}: ${statement}`).toBe(false);
        if (from?.includes('preload/contract') && !typeOnly) {
          expect(path, statement).toBe('api.ts');
          expect(statement).toMatch(
            /^import \{ (API_CHANNELS \} from '..\/preload\/contract\/channels'|isDesktopNotice, type DesktopNotice \} from '..\/preload\/contract\/desktop-notice')/,
          );
        }
      }
    }
  });

  it('reads window.cairn in api.ts only', () => {
    for (const { path, text } of files) {
      if (path !== 'api.ts') expect(/(\?\.|\.)\s*cairn\b|\[\s*['"]cairn['"]\s*\]/.test(text), path).toBe(false);
    }
  });

  it('has no inline scripts or style attributes in index.html', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(/<script(?![^>]*\bsrc=)[^>]*>/.test(html)).toBe(false);
    expect(/\sstyle=/.test(html)).toBe(false);
    expect(/\son[a-z]+=/.test(html)).toBe(false);
  });
});

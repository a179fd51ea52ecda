import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeHtml, escapeMarkdown, escapeMarkdownBlock } from '../../../main/report/escape.js';
import { codeFence } from '../../../main/report/markdown.js';

describe('escapeHtml', () => {
  it('escapes every character that could open markup or close an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;',
    );
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('makes control and bidi-override characters visible', () => {
    expect(escapeHtml('a\u0000b\u001b[31mc\u202ed')).toBe('a\\u0000b\\u001b[31mc\\u202ed');
    expect(escapeHtml('line\nnext\ttab')).toBe('line\nnext\ttab');
  });
  it('attribute values cannot break out of double quotes or carry raw newlines', () => {
    const value = escapeAttribute('" onmouseover="alert(1)\nx=y');
    expect(value).not.toMatch(/["\n=]/);
    expect(value).toBe('&quot; onmouseover&#61;&quot;alert(1)&#10;x&#61;y');
  });
  it('leaves no raw < or > for any input', () => {
    for (const input of ['<<>>', '</textarea><svg onload=alert(1)>', '<!--', ']]><x>']) {
      expect(escapeHtml(input)).not.toMatch(/[<>]/);
    }
  });
});

describe('escapeMarkdown', () => {
  it('escapes table pipes, backticks, brackets and emphasis', () => {
    expect(escapeMarkdown('a|b `c` [d](e) *f* _g_')).toBe('a\\|b \\`c\\` \\[d\\]\\(e\\) \\*f\\* \\_g\\_');
  });
  it('turns < and > into entities (no raw HTML, no autolinks) and breaks scheme and www autolinks', () => {
    expect(escapeMarkdown('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(escapeMarkdown('<http://evil.example>')).toBe('&lt;http\\://evil.example&gt;');
    expect(escapeMarkdown('see www.evil.example')).toBe('see www\\.evil.example');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
  });
  it('keeps one line: newlines become spaces; leading list and heading markers are escaped', () => {
    expect(escapeMarkdown('a\nb\r\nc')).toBe('a b c');
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('1.2.3.4')).toBe('1.2.3.4');
    expect(escapeMarkdown('arn:aws:iam::1:role/x-y')).toBe('arn:aws:iam::1:role/x-y');
  });
  it('block text keeps line breaks as hard breaks, every line escaped', () => {
    expect(escapeMarkdownBlock('one | two\n# three')).toBe('one \\| two  \n\\# three');
  });
  it('a code fence is longer than any backtick run inside', () => {
    expect(codeFence('a ```` b', 'sh')).toEqual(['`````sh', 'a ```` b', '`````', '']);
    expect(codeFence('plain')[0]).toBe('```');
  });
});

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { App, WebContents } from 'electron';
import { hardenWebContents, installWebContentsHardening } from '../../../main/electron/harden-web-contents.js';
import { FakeWebContents, fakeEvent } from './fakes.js';

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);
  return contents;
}

const external = [
  'https://evil.example/',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  'app://evil/index.html',
  'app://cairn.evil/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

describe('hardenWebContents', () => {
  for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
    it.each(external)(`${name} to %s is prevented`, (url) => {
      const contents = hardened();
      const event = fakeEvent({ url });
      contents.emit(name, event, url);
      expect(event.defaultPrevented).toBe(true);
    });

    it(`${name} within the app is allowed`, () => {
      const contents = hardened();
      const event = fakeEvent({ url: 'app://cairn/index.html' });
      contents.emit(name, event, 'app://cairn/index.html');
      expect(event.defaultPrevented).toBe(false);
    });
  }

  it('denies every window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://cairn/index.html' })).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'app://cairn/index.html' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('is applied to every web contents the app creates', () => {
    const app = new EventEmitter();
    installWebContentsHardening(app as unknown as App);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    const event = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { hardenSession, withContentSecurityPolicy } from '../../../main/electron/harden-session.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security-policy.js';
import { FakeSession, fakeEvent } from './fakes.js';

function hardened(dev = false): FakeSession {
  const session = new FakeSession();
  hardenSession(session as unknown as Session, { dev });
  return session;
}

describe('hardenSession', () => {
  it('denies every permission request, check and device', () => {
    const session = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler?.({}, permission, (answer: boolean) => {
        granted = answer;
      });
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler?.({}, permission, 'app://cairn', {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://cairn' })).toBe(false);
  });

  it.each([
    'http://example.com/',
    'https://aws.amazon.com/',
    'https://app.cairn/',
    'file:///etc/passwd',
    'ws://127.0.0.1:9222/devtools',
    'wss://example.com/',
    'app://evil/index.html',
  ])('cancels %s (the app is offline)', (url) => {
    expect(hardened().cancels(url)).toBe(true);
    expect(hardened(true).cancels(url)).toBe(true);
  });

  it('lets app://cairn/ through', () => {
    const session = hardened();
    expect(session.cancels('app://cairn/index.html')).toBe(false);
    expect(session.cancels('app://cairn/assets/index.js')).toBe(false);
  });

  it('allows DevTools only in development', () => {
    expect(hardened(false).cancels('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(hardened(true).cancels('devtools://devtools/bundled/inspector.html')).toBe(false);
  });

  it('forces the CSP onto app:// responses, replacing any other', () => {
    const session = hardened();
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    session.webRequest.headersReceived?.(
      {
        url: 'app://cairn/index.html',
        responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-inline'"], 'Content-Type': ['text/html'] },
      },
      (response: typeof answer) => {
        answer = response;
      },
    );
    expect(answer?.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('leaves other responses alone', () => {
    const session = hardened(true);
    let answer: object | undefined;
    session.webRequest.headersReceived?.({ url: 'devtools://devtools/x', responseHeaders: {} }, (response: object) => {
      answer = response;
    });
    expect(answer).toEqual({});
  });

  it('refuses downloads and turns the spell checker off', () => {
    const session = hardened();
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
    expect(session.spellChecker).toBe(false);
  });

  it('adds the CSP to headerless responses', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

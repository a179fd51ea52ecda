import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach } from 'vitest';
import { createClient } from '../../renderer/api';
import { ApiContext } from '../../renderer/api-context';
import type { FakeCairn } from './fake-api.js';

/** Renders `ui` with a client over the fake API, as main.tsx does with the real one. */
export function renderWithApi(ui: ReactNode, fake: FakeCairn): RenderResult {
  return render(<ApiContext value={createClient(fake.api)}>{ui}</ApiContext>);
}

/**
 * jsdom does no layout, so every element measures 0×0 and the virtualizer would render no rows.
 * Give elements a viewport-sized box for the test (TanStack Virtual reads clientWidth/Height).
 */
export function useLayoutStub(size = { width: 1400, height: 600 }): void {
  const saved: [string, PropertyDescriptor | undefined][] = [];
  beforeEach(() => {
    for (const [name, value] of [
      ['clientHeight', size.height],
      ['clientWidth', size.width],
      ['offsetHeight', size.height],
      ['offsetWidth', size.width],
    ] as const) {
      saved.push([name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)]);
      Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    }
  });
  afterEach(() => {
    for (const [name, descriptor] of saved.splice(0)) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
    }
  });
}

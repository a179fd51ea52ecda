import { afterEach, describe, expect, it, vi } from 'vitest';
import { onDesktopNotice } from '../../../renderer/api';

/** Posts a message as preload does (same window, same origin) and waits for its delivery. */
async function post(data: unknown, source: MessageEventSource | null = window): Promise<void> {
  window.dispatchEvent(new MessageEvent('message', { data, source, origin: window.location.origin }));
  await Promise.resolve();
}

describe('desktop notices', () => {
  let stop: () => void = () => {};
  afterEach(() => stop());

  it('delivers well-formed notices from this page and ignores everything else', async () => {
    const listener = vi.fn();
    stop = onDesktopNotice(listener);
    await post({ source: 'cairn-desktop', notice: { type: 'ingest-started', origin: 'drop', jobId: 'job-1' } });
    await post({ source: 'cairn-desktop', notice: { type: 'ingest-started', origin: 'drop' } }); // no job id
    await post({ source: 'someone-else', notice: { type: 'ingest-started', origin: 'menu', jobId: 'x' } });
    await post({ source: 'cairn-desktop', notice: { type: 'ingest-started', origin: 'menu', jobId: 'y' } }, null); // not from us
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { source: 'cairn-desktop', notice: { type: 'ingest-started', origin: 'menu', jobId: 'z' } },
        source: window,
        origin: 'https://evil.example',
      }),
    );
    expect(listener.mock.calls).toEqual([[{ type: 'ingest-started', origin: 'drop', jobId: 'job-1' }]]);
    stop();
    await post({ source: 'cairn-desktop', notice: { type: 'ingest-started', origin: 'drop', jobId: 'job-2' } });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

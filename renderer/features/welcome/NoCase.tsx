import { useState } from 'react';
import type { CaseInfo } from '../../../preload/contract/api';
import { useApi } from '../../api-context';

/** Shown when no case is open yet (the desktop app before File ▸ New/Open). */
export function NoCase({ onOpened }: { onOpened: (info: CaseInfo) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const openDemo = () => {
    setBusy(true);
    setError(null);
    api.openDemo({}).then(onOpened, (failure: unknown) => {
      setBusy(false);
      setError(failure instanceof Error ? failure.message : String(failure));
    });
  };

  return (
    <main className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">Cairn</h1>
      <p className="welcome-lead">An offline workstation for AWS incident response.</p>
      <p>
        No case is open. Open the bundled demo incident to look around, or use File ▸ New Case… to start one from your
        evidence and File ▸ Open Case… to continue an investigation.
      </p>
      <button type="button" className="button primary" onClick={openDemo} disabled={busy}>
        {busy ? 'Opening…' : 'Open demo incident'}
      </button>
      {error !== null && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </main>
  );
}

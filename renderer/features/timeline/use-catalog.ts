import { useEffect, useState } from 'react';
import type { SourceCatalog } from '../../../preload/contract/event-record';
import type { CairnClient } from '../../api';

/** The catalogue as far as it is known: null while loading; `error` when it could not be had. */
export interface CatalogState {
  catalog: SourceCatalog | null;
  error: string | null;
}

/** Loads the source catalogue (`sources:catalog`) once per client and data version. */
export function useCatalog(client: CairnClient, dataVersion: number): CatalogState {
  const [state, setState] = useState<CatalogState>({ catalog: null, error: null });
  useEffect(() => {
    let live = true;
    client.catalog({}).then(
      (catalog) => {
        if (live) setState({ catalog, error: null });
      },
      (error: unknown) => {
        if (live) setState({ catalog: null, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, dataVersion]);
  return state;
}

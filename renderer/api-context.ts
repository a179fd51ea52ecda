import { createContext, use } from 'react';
import type { CairnClient } from './api';

/** The client every view uses; main.tsx provides the real one, tests a fake. */
export const ApiContext = createContext<CairnClient | null>(null);

export function useApi(): CairnClient {
  const client = use(ApiContext);
  if (client === null) throw new Error('useApi needs an <ApiContext value={client}> above it');
  return client;
}

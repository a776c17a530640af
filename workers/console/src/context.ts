import type { DoorstepClient, Tenant } from '@doorstep/client';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Session {
  client: DoorstepClient;
  tenant: Tenant;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}

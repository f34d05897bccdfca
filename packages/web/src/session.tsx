import type { Batchyard, Me, Project, Workspace } from '@batchyard/sdk';
import { createContext, useContext } from 'react';

export interface Session {
  client: Batchyard;
  me: Me;
  workspaces: Workspace[];
  workspaceId: string | null;
  projects: Project[];
  projectId: string | null;
  setWorkspace: (id: string | null) => void;
  setProject: (id: string | null) => void;
  /** Re-reads the workspace's projects (after one was created or renamed). */
  reloadProjects: () => void;
  /** Re-reads the workspaces (after one was created, renamed or deleted). */
  reloadWorkspaces?: () => void;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

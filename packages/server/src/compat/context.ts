import type { Authenticator, Principal } from '../auth/principal.js';
import type { AuthFailureLimiter } from '../auth/failures.js';
import type { BatchService } from '../resources/batches/service.js';
import type { CredentialService } from '../resources/credentials/service.js';
import type { DatasetService } from '../resources/datasets/service.js';
import type { DefinitionService } from '../resources/definitions/service.js';
import type { JobService } from '../resources/jobs/service.js';
import type { ProjectService } from '../resources/projects/service.js';
import type { SheetService } from '../resources/sheets/service.js';
import type { TaskService } from '../resources/tasks/service.js';
import type { WorkspaceService } from '../resources/workspaces/service.js';

/** The resources' services, as the compat adapters call them (the same objects the native routes use). */
export interface CompatServices {
  jobs: JobService;
  definitions: DefinitionService;
  workspaces: WorkspaceService;
  projects: ProjectService;
  credentials: CredentialService;
  datasets: DatasetService;
  batches: BatchService;
  tasks: TaskService;
  sheets: SheetService;
}

/** What every family adapter gets: the services, and the one authenticator behind every scheme. */
export interface CompatContext {
  services: CompatServices;
  authenticator: Authenticator;
  authFailures: AuthFailureLimiter;
}

export type { Principal };

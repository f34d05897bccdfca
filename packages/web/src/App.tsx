import type { Me, Project, Workspace } from '@batchyard/sdk';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ErrorBox, Loading } from './components.js';
import { makeClient, prefs, tokenStore, useAsync } from './lib.js';
import { AuditPage } from './pages/audit.js';
import { NewDatasetPage } from './pages/dataset-new.js';
import { DatasetPage, DatasetsPage } from './pages/datasets.js';
import { DefinitionPage, DefinitionsPage } from './pages/definitions.js';
import { NewDefinitionPage } from './pages/definition-form.js';
import { FlowPage } from './pages/flow.js';
import { FlowsPage } from './pages/flows.js';
import { JobPage } from './pages/job.js';
import { JobsPage } from './pages/jobs.js';
import { KeysPage } from './pages/keys.js';
import { MembersPage } from './pages/members.js';
import { ProjectFormPage, ProjectsPage } from './pages/projects.js';
import { QualityPage } from './pages/quality.js';
import { QueuePage } from './pages/queue.js';
import { ReviewPage } from './pages/review.js';
import { SheetPage } from './pages/sheet.js';
import { TaskPage } from './pages/task.js';
import { TasksPage } from './pages/tasks.js';
import { ClientsPage } from './pages/clients.js';
import { WebhookPage } from './pages/webhook.js';
import { WebhooksPage } from './pages/webhooks.js';
import { WorkspacesPage } from './pages/workspaces.js';
import { TasksImportPage } from './pages/tasks-import.js';
import { NavMenu, type NavItem } from './nav-menu.js';
import { Link, match, navigate, useLocation } from './router.js';
import { SessionContext, useSession, type Session } from './session.js';

export function App() {
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  if (!token) return <SignIn onSignedIn={setToken} />;
  return (
    <Signed
      token={token}
      onSignOut={() => {
        tokenStore.clear();
        setToken(null);
      }}
    />
  );
}

function SignIn({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const token = value.trim();
      await makeClient(token).me();
      tokenStore.set(token);
      onSignedIn(token);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <h1>Batchyard</h1>
      <form onSubmit={submit} className="card">
        <h2>Sign in</h2>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="byk_…"
        />
        <p className="hint">Kept in this tab only (sessionStorage); closing the tab signs you out.</p>
        <button type="submit" disabled={busy || value.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error ? <ErrorBox error={error} /> : null}
      </form>
    </main>
  );
}

interface Context {
  me: Me;
  workspaces: Workspace[];
}

function Signed({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const client = useMemo(() => makeClient(token), [token]);
  const ctx = useAsync<Context>(
    async (signal) => {
      const me = await client.me({ signal });
      const workspaces =
        me.workspaceId !== null
          ? [await client.workspaces.get(me.workspaceId, {}, { signal })]
          : (await client.workspaces.list({ limit: 1000 }, { signal })).data;
      return { me, workspaces };
    },
    [client],
  );
  const [workspaceId, setWorkspaceId] = useState<string | null>(() => prefs.get('workspace'));
  const [projectId, setProjectId] = useState<string | null>(() => prefs.get('project'));

  const workspaces = ctx.data?.workspaces;
  const effectiveWorkspace =
    workspaces && workspaces.some((w) => w.id === workspaceId) ? workspaceId : (workspaces?.[0]?.id ?? null);
  const loadedProjects = useAsync<{ workspaceId: string | null; list: Project[] }>(
    async (signal) => ({
      workspaceId: effectiveWorkspace,
      list: effectiveWorkspace
        ? (await client.projects.list({ workspaceId: effectiveWorkspace, limit: 1000 }, { signal })).data
        : [],
    }),
    [client, effectiveWorkspace],
  );
  // A reload (after a project was created or renamed) keeps the pages on screen; another
  // workspace's list never stands for this one's.
  const projects = {
    ...loadedProjects,
    data: loadedProjects.data?.workspaceId === effectiveWorkspace ? loadedProjects.data.list : undefined,
  };
  const effectiveProject =
    projects.data && projects.data.some((p) => p.id === projectId)
      ? projectId
      : (projects.data?.[0]?.id ?? null);

  useEffect(() => {
    if (ctx.error && (ctx.error as { status?: number }).status === 401) onSignOut();
  }, [ctx.error, onSignOut]);

  if (ctx.error) {
    return (
      <main className="signin">
        <ErrorBox error={ctx.error} onRetry={ctx.reload} />
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </main>
    );
  }
  if (!ctx.data || (projects.data === undefined && !projects.error)) {
    return <Loading what="Loading your workspace" />;
  }

  const session: Session = {
    client,
    me: ctx.data.me,
    workspaces: ctx.data.workspaces,
    workspaceId: effectiveWorkspace,
    projects: projects.data ?? [],
    projectId: effectiveProject,
    setWorkspace: (id) => {
      prefs.set('workspace', id);
      prefs.set('project', null);
      setWorkspaceId(id);
      setProjectId(null);
    },
    setProject: (id) => {
      prefs.set('project', id);
      setProjectId(id);
    },
    reloadProjects: projects.reload,
    reloadWorkspaces: ctx.reload,
    signOut: onSignOut,
  };
  return (
    <SessionContext.Provider value={session}>
      <Layout projectsError={projects.error} />
    </SessionContext.Provider>
  );
}

const NAV = [
  { to: '/jobs', label: 'Jobs' },
  { to: '/projects', label: 'Projects' },
  { to: '/flows', label: 'Flows' },
  { to: '/definitions', label: 'Definitions' },
  { to: '/datasets', label: 'Datasets' },
  { to: '/tasks', label: 'Tasks' },
  { to: '/queue', label: 'Queue' },
  { to: '/review', label: 'Review' },
  { to: '/quality', label: 'Quality' },
];

/** Admin pages, grouped under one menu so that the navigation stays on one line at 1280 px. */
const ADMIN_NAV: readonly NavItem[] = [
  { to: '/members', label: 'Members' },
  { to: '/keys', label: 'API keys' },
  { to: '/clients', label: 'Clients' },
  { to: '/webhooks', label: 'Webhooks' },
  { to: '/workspaces', label: 'Workspaces' },
  { to: '/audit', label: 'Audit log' },
];

function Layout({ projectsError }: { projectsError: unknown }) {
  const session = useSession();
  const { path } = useLocation();
  useEffect(() => {
    if (path === '/' || path === '') navigate('/jobs', { replace: true });
  }, [path]);
  return (
    <div className="layout">
      <a className="skip" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/jobs" className="brand">
          Batchyard
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path.startsWith(item.to) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
            {session.me.role === 'admin' ? (
              <NavMenu id="admin-menu" label="Admin" items={ADMIN_NAV} path={path} />
            ) : null}
          </ul>
        </nav>
        <div className="scope">
          <label>
            Workspace
            <select
              value={session.workspaceId ?? ''}
              onChange={(e) => session.setWorkspace(e.target.value || null)}
              disabled={session.workspaces.length <= 1}
            >
              {session.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Project
            <select
              value={session.projectId ?? ''}
              onChange={(e) => session.setProject(e.target.value || null)}
            >
              {session.projects.length === 0 ? <option value="">(no project)</option> : null}
              {session.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <span className="who" title={`${session.me.role} credential`}>
            {session.me.name} ({session.me.role})
          </span>
          <button type="button" className="secondary" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {projectsError ? <ErrorBox error={projectsError} /> : null}
        <Routes path={path} />
      </main>
    </div>
  );
}

function Routes({ path }: { path: string }) {
  let params: Record<string, string> | undefined;
  if (match('/jobs', path)) return <JobsPage />;
  if ((params = match('/jobs/:id', path))) return <JobPage key={params.id} id={params.id!} />;
  if (match('/flows', path)) return <FlowsPage />;
  if ((params = match('/flows/:id', path))) return <FlowPage key={params.id} id={params.id!} />;
  if (match('/definitions', path)) return <DefinitionsPage />;
  if (match('/definitions/new', path)) return <NewDefinitionPage />;
  if ((params = match('/definitions/:id', path))) return <DefinitionPage key={params.id} id={params.id!} />;
  if (match('/projects', path)) return <ProjectsPage />;
  if (match('/projects/new', path)) return <ProjectFormPage key="new" />;
  if ((params = match('/projects/:id', path))) return <ProjectFormPage key={params.id} id={params.id!} />;
  if (match('/keys', path)) return <KeysPage />;
  if (match('/members', path)) return <MembersPage />;
  if (match('/datasets', path)) return <DatasetsPage />;
  if (match('/datasets/new', path)) return <NewDatasetPage />;
  if ((params = match('/datasets/:id', path))) return <DatasetPage key={params.id} id={params.id!} />;
  if (match('/tasks', path)) return <TasksPage />;
  if (match('/tasks/import', path)) return <TasksImportPage />;
  if (match('/audit', path)) return <AuditPage />;
  if (match('/queue', path)) return <QueuePage />;
  if (match('/review', path)) return <ReviewPage />;
  if (match('/quality', path)) return <QualityPage />;
  if ((params = match('/tasks/:id', path))) return <TaskPage key={params.id} id={params.id!} />;
  if (match('/clients', path)) return <ClientsPage />;
  if (match('/webhooks', path)) return <WebhooksPage />;
  if ((params = match('/webhooks/:id', path))) return <WebhookPage key={params.id} id={params.id!} />;
  if (match('/workspaces', path)) return <WorkspacesPage />;
  if ((params = match('/tasks/:id/sheet', path))) return <SheetPage key={params.id} taskId={params.id!} />;
  if (path === '/' || path === '') return <Loading />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at <code>{path}</code>. <Link to="/jobs">Go to jobs</Link>.
      </p>
    </section>
  );
}

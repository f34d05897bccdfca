import type { Project } from '@batchyard/sdk';
import { useState, type FormEvent } from 'react';
import { CliCommand, Empty, ErrorBox, Loaded, TextField } from '../components.js';
import { cliCommand, fieldProblems, formatDate, onlyFieldProblems, useAsync } from '../lib.js';
import { Link } from '../router.js';
import { useTaskSchemaCheck } from '../schema-check.js';
import { useSession } from '../session.js';
import { checkWorkflow, workflowDraft, workflowFlags, WorkflowFields } from './project-workflow.js';

/** The workspace's projects, with links to create one and to edit each. */
export function ProjectsPage() {
  const { projects, projectId, setProject, me } = useSession();
  const canWrite = me.role === 'admin' || me.role === 'editor';
  return (
    <section>
      <div className="page-head">
        <h1>Projects</h1>
        {canWrite ? (
          <Link to="/projects/new" className="button-link">
            New project
          </Link>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <Empty>This workspace has no projects yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Task schema</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id} aria-current={p.id === projectId ? 'true' : undefined}>
                  <td data-label="Name">
                    <Link to={`/projects/${p.id}`}>{p.name}</Link>
                    {p.id === projectId ? <span className="muted small"> (current)</span> : null}
                  </td>
                  <td data-label="Description">{p.description ?? '—'}</td>
                  <td data-label="Task schema">{p.taskSchema ? 'yes' : 'none'}</td>
                  <td data-label="Updated">{formatDate(p.updatedAt)}</td>
                  <td data-label="Actions">
                    {p.id !== projectId ? (
                      <button type="button" className="secondary small" onClick={() => setProject(p.id)}>
                        Work in {p.name}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Creates a project (no id) or edits one: name, description, the task schema and the workflow. */
export function ProjectFormPage({ id }: { id?: string }) {
  const { client } = useSession();
  const state = useAsync<Project | null>(
    (signal) => (id ? client.projects.get(id, {}, { signal }) : Promise.resolve(null)),
    [client, id],
  );
  return (
    <section>
      <p className="crumbs">
        <Link to="/projects">Projects</Link> / {id ? <code>{id}</code> : 'new'}
      </p>
      <Loaded state={state} what="Loading the project">
        {(project) => <ProjectForm project={project} onSaved={state.setData} />}
      </Loaded>
    </section>
  );
}

const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "label": { "type": "string", "enum": ["cat", "dog"] }
  },
  "required": ["label"]
}`;

function ProjectForm({ project, onSaved }: { project: Project | null; onSaved: (p: Project) => void }) {
  const session = useSession();
  const { client, workspaceId } = session;
  const [name, setName] = useState(project?.name ?? '');
  const [description, setDescription] = useState(project?.description ?? '');
  const [schemaText, setSchemaText] = useState(
    project?.taskSchema ? JSON.stringify(project.taskSchema, null, 2) : '',
  );
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ verb: string; project: Project; cli: string }>();
  const [tried, setTried] = useState(false);
  const [workflowText, setWorkflowText] = useState(workflowDraft(project?.workflow));
  const workflow = checkWorkflow(workflowText).workflow;

  // Checked as you type: the same Ajv the server compiles task schemas with.
  const checked = useTaskSchemaCheck(schemaText);
  const nameProblems = [
    ...(tried && name.trim() === '' ? ['A project needs a name.'] : []),
    ...fieldProblems(error, '/name'),
  ];
  const schemaProblems = [
    ...checked.problems.map((p) => (p.pointer ? `${p.pointer}: ${p.message}` : p.message)),
    ...fieldProblems(error, '/taskSchema'),
  ];
  const descriptionProblems = fieldProblems(error, '/description');

  const cli = project
    ? cliCommand(
        'projects',
        'update',
        project.id,
        ...(name.trim() !== project.name ? ['--name', name.trim()] : []),
        ...(description !== (project.description ?? '') ? ['--description', description] : []),
        ...(schemaChanged(project, checked.schema)
          ? checked.schema === null
            ? ['--no-task-schema']
            : ['--task-schema', 'task-schema.json']
          : []),
        ...workflowFlags(workflow, project.workflow),
      )
    : cliCommand(
        'projects',
        'create',
        name.trim() || 'NAME',
        ...(workspaceId ? ['--workspace', workspaceId] : []),
        ...(description ? ['--description', description] : []),
        ...(checked.schema ? ['--task-schema', 'task-schema.json'] : []),
        ...workflowFlags(workflow, undefined),
      );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(undefined);
    if (name.trim() === '' || checked.schema === undefined || workflow === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      if (project) {
        const saved = await client.projects.update(project.id, {
          name: name.trim(),
          description: description === '' ? null : description,
          taskSchema: checked.schema,
          workflow,
        });
        onSaved(saved);
        setDone({ verb: 'Saved', project: saved, cli });
      } else {
        const created = await client.projects.create({
          ...(workspaceId ? { workspaceId } : {}),
          name: name.trim(),
          ...(description ? { description } : {}),
          ...(checked.schema ? { taskSchema: checked.schema } : {}),
          workflow,
        });
        setDone({ verb: 'Created', project: created, cli });
        session.setProject(created.id);
        setName('');
        setDescription('');
        setSchemaText('');
        setWorkflowText(workflowDraft(undefined));
        setTried(false);
      }
      session.reloadProjects();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{project ? `Edit ${project.name}` : 'New project'}</h1>
      {done ? (
        <div className="notice notice-succeeded" role="status">
          <span>
            {done.verb} project <Link to={`/projects/${done.project.id}`}>{done.project.name}</Link> (
            <code>{done.project.id}</code>)
            {done.verb === 'Created' ? (
              <>
                {' '}
                — now the current project. <Link to="/datasets/new">Add a dataset to it</Link>.
              </>
            ) : (
              '.'
            )}
          </span>
          <CliCommand command={done.cli} label={`the project just ${done.verb.toLowerCase()}`} />
        </div>
      ) : null}
      <form className="card entity-form" onSubmit={submit} noValidate>
        <TextField
          id="project-name"
          label="Name"
          value={name}
          onChange={setName}
          required
          errors={nameProblems}
        />

        <TextField
          id="project-description"
          label="Description (optional)"
          value={description}
          onChange={setDescription}
          errors={descriptionProblems}
        />

        <label htmlFor="project-schema">Task schema (JSON Schema; empty for none)</label>
        <textarea
          id="project-schema"
          rows={10}
          spellCheck={false}
          value={schemaText}
          onChange={(e) => setSchemaText(e.target.value)}
          aria-invalid={schemaProblems.length > 0}
          aria-describedby={`project-schema-hint${schemaProblems.length > 0 ? ' project-schema-error' : ''}`}
        />
        <p id="project-schema-hint" className="hint">
          {schemaText.trim() === ''
            ? 'No schema: task data is not checked.'
            : checked.schema
              ? 'Valid JSON Schema: task data will be checked against it.'
              : 'Fix the schema before saving.'}
        </p>
        {schemaProblems.length > 0 ? (
          <ul id="project-schema-error" className="field-error" role="alert">
            {schemaProblems.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {schemaText.trim() === '' ? (
          <div>
            <button type="button" className="secondary small" onClick={() => setSchemaText(EXAMPLE_SCHEMA)}>
              Start from an example schema
            </button>
          </div>
        ) : null}

        <WorkflowFields draft={workflowText} onChange={setWorkflowText} tried={tried} error={error} />

        <div className="actions">
          <button type="submit" disabled={busy || checked.schema === undefined}>
            {busy ? 'Saving…' : project ? 'Save changes' : 'Create project'}
          </button>
        </div>
        <CliCommand command={cli} label={project ? 'save this project' : 'create this project'} />
        {checked.schema ? <p className="hint">With the schema above saved as task-schema.json.</p> : null}
      </form>
      {error &&
      !onlyFieldProblems(error, [
        '/name',
        '/description',
        '/taskSchema',
        ...['reviewStages', 'excludeSelfReview', 'annotationsPerTask', 'agreementThreshold', 'goldRate'].map(
          (f) => `/workflow/${f}`,
        ),
      ]) ? (
        <ErrorBox error={error} />
      ) : null}
    </>
  );
}

function schemaChanged(project: Project, schema: Record<string, unknown> | null | undefined): boolean {
  if (schema === undefined) return false;
  return JSON.stringify(schema) !== JSON.stringify(project.taskSchema ?? null);
}

// Generated from the server OpenAPI document by `npm run gen`. Do not edit by hand.
/* eslint-disable */
export interface paths {
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The credential making the request */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspaces this credential can see */
        get: operations["listWorkspaces"];
        put?: never;
        /** Create a workspace (instance admin) */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a workspace */
        get: operations["getWorkspace"];
        put?: never;
        post?: never;
        /** Delete a workspace (refused while it has projects, unless force=true) */
        delete: operations["deleteWorkspace"];
        options?: never;
        head?: never;
        /** Rename a workspace, or set its claim weight (instance admins) */
        patch: operations["updateWorkspace"];
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List projects (of one workspace with workspaceId) */
        get: operations["listProjects"];
        put?: never;
        /** Create a project */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}/form": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project's task schema as a labelling form configuration (one input per property) */
        get: operations["getProjectForm"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a project */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /** Delete a project (refused while it holds data, unless force=true) */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        /** Update a project */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the members of a workspace (removed ones with includeRemoved=true) */
        get: operations["listMembers"];
        put?: never;
        /** Add a person to a workspace (annotator, reviewer or manager) */
        post: operations["createMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a member */
        get: operations["getMember"];
        put?: never;
        post?: never;
        /** Remove a member: its keys are revoked and its claimed or assigned tasks go back to the queue (history keeps naming it) */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /** Change a member's name, email or role */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/v1/quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-member quality of a project's work over a time range: throughput, gold accuracy, agreement, rejection rate */
        get: operations["qualityReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One member's row of the quality report (zeros when they did nothing in the range) */
        get: operations["memberQuality"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (the token is shown once) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key (it stops working at once) */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API clients */
        get: operations["listApiClients"];
        put?: never;
        /** Create an OAuth2 API client (the secret is shown once) */
        post: operations["createApiClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API client */
        get: operations["getApiClient"];
        put?: never;
        post?: never;
        /** Revoke an API client (its access tokens stop working at once) */
        delete: operations["revokeApiClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OAuth2 client-credentials grant */
        post: operations["createAccessToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events for every job the caller sees: `ready` once subscribed, then `job` with each job created or changed (bursts gathered over 250 ms) */
        get: operations["streamAllJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List jobs by type, status, definition, project and creation range */
        get: operations["listJobs"];
        put?: never;
        /** Create a job (202; 200 with the in-flight job when uniqueKey matches one) */
        post: operations["createJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create up to 1000 jobs at once, all or none */
        post: operations["createJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Abort, retry or delete the jobs a filter selects (at least one criterion): 202 with a `jobs.bulk` job whose result counts them and whose results.jsonl artifact has one line per job */
        post: operations["bulkJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job; with wait=N, answer when it ends or after N seconds */
        get: operations["getJob"];
        put?: never;
        post?: never;
        /** Delete a finished job and its artifacts */
        delete: operations["deleteJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: `job` with the job on every change, then `end` when it ends */
        get: operations["streamJobEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Abort a job: at once when queued; a running one is signalled and ends aborted */
        post: operations["abortJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-queue a failed or aborted job (it resumes from its checkpoint) */
        post: operations["retryJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/artifacts/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an artifact of a job */
        get: operations["downloadJobArtifact"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The jobs a job depends on, with their status and, once they succeeded, their result */
        get: operations["listJobDependencies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of the job's log lines after `after`; with follow=true, server-sent events: `line` for each line as it is written, `end` once the job has ended */
        get: operations["getJobLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Built-in job types and the custom ones registered in the workspace */
        get: operations["listJobTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job-types/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Register (or update) a custom job type, run by remote workers */
        put: operations["putJobType"];
        post?: never;
        /** Remove a custom job type */
        delete: operations["deleteJobType"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job-types/{name}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A type's concurrency keys with queued or running jobs in the workspace, busiest first */
        get: operations["listJobKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job-types/{name}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a job type: its queued jobs stay queued and are not claimed (in a workspace, or instance-wide) */
        post: operations["pauseJobType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/job-types/{name}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused job type: its queued jobs are claimed again at once */
        post: operations["resumeJobType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workers/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim due jobs of the given types (long-poll up to waitSeconds) */
        post: operations["claimJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renew the lease and report progress; the answer says whether to abort */
        post: operations["heartbeatJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish a claimed job with its result */
        post: operations["completeJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/workers/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish up to 1000 claimed jobs at once; each result answers on its own (lease_lost, not_found) */
        post: operations["completeJobs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fail a claimed job; retryable failures are retried with backoff */
        post: operations["failJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List job definitions */
        get: operations["listDefinitions"];
        put?: never;
        /** Create a job definition (manual, or scheduled with a cron expression) */
        post: operations["createDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/definitions/schedule-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The next fire times of a cron schedule, computed as the scheduler does (a bad expression or time zone: 400 at /schedule or /timezone) */
        get: operations["previewDefinitionSchedule"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/definitions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a job definition */
        get: operations["getDefinition"];
        put?: never;
        post?: never;
        /** Delete a job definition (its instances stay) */
        delete: operations["deleteDefinition"];
        options?: never;
        head?: never;
        /** Update a job definition */
        patch: operations["updateDefinition"];
        trace?: never;
    };
    "/v1/definitions/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a definition: its parameters merged under these; 429 when throttled */
        post: operations["runDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/definitions/{id}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Instances (jobs) of a definition, newest first, by status and submitted date */
        get: operations["listDefinitionInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List flows (without their jobs) */
        get: operations["listFlows"];
        put?: never;
        /** Create a flow: a graph of jobs keyed by name, `dependsOn` naming others of them, all created or none (202) */
        post: operations["createFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a flow with its jobs; with wait=N, answer when it ends or after N seconds */
        get: operations["getFlow"];
        put?: never;
        post?: never;
        /** Delete an ended flow with its jobs and their artifacts */
        delete: operations["deleteFlow"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: `flow` with the flow and its jobs on every change (at most every 250 ms), then `end` when it ends */
        get: operations["streamFlowEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Abort every unfinished job of a flow (waiting and queued at once, running ones signalled) */
        post: operations["abortFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run again every job of an ended flow that did not succeed (failed, aborted, skipped, expired); succeeded jobs keep their results */
        post: operations["retryFlow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List datasets (of a project with projectId) */
        get: operations["listDatasets"];
        put?: never;
        /** Create a dataset with typed columns */
        post: operations["createDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a dataset */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        /** Delete a dataset (refused while it has batches, unless force=true) */
        delete: operations["deleteDataset"];
        options?: never;
        head?: never;
        /** Rename a dataset, add or rename columns, set the key column */
        patch: operations["updateDataset"];
        trace?: never;
    };
    "/v1/datasets/{id}/rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a dataset's rows (of its active batches) with filters, sort and cursor */
        get: operations["listRows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a search job: the result holds the count and ids of matching active rows */
        post: operations["searchDataset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/from-search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that creates a dataset from the rows a search found */
        post: operations["createDatasetFromSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a dataset's batches with filters (ids, states, row counts, created range) */
        get: operations["listBatches"];
        put?: never;
        /** Create a batch from rows in the body (up to 10,000; upload more as JSONL or CSV) */
        post: operations["createBatch"];
        /** Start a job that deletes several batches and their rows */
        delete: operations["removeBatches"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/batches/append": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that appends another dataset as a new batch, through a column mapping */
        post: operations["appendBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a batch */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        /** Start a job that deletes a batch and its rows */
        delete: operations["deleteBatch"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/batches/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that suspends active batches (their rows leave every read; nothing is rewritten) */
        post: operations["suspendBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/batches/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that restores suspended batches */
        post: operations["restoreBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a squash-and-merge job: source batches become one draft batch of this dataset */
        post: operations["mergeBatches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that commits a draft (it becomes active; key conflicts resolved by its strategy) */
        post: operations["commitDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that closes (discards) a draft */
        post: operations["closeDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/annotations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task's annotations by several members (consensus projects), oldest first, with the one chosen as the task's data */
        get: operations["listTaskAnnotations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/annotations/{annotationId}/choose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose one of a task's annotations as its result: the task's data becomes that annotation's (its status stays) */
        post: operations["chooseTaskAnnotation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create up to 10,000 tasks in a batch, with a result per task (created, skipped or failed) */
        post: operations["createTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/tasks/duplicates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which of these names the batch already has on a task (checked before creating tasks) */
        post: operations["findDuplicateTaskNames"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/tasks/from-rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a tasks.from_rows job: one task per row of the batch, in that batch, named and filled from the rows' columns */
        post: operations["createTasksFromRows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a project's tasks with filters (data and history only when asked) */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim the next workable task of a project's queue for the calling member, under a lease (204: the queue is empty) */
        post: operations["claimTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Renew the lease of a claimed task (409 task_lease_lost once it expired or moved on) */
        post: operations["heartbeatTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the work on a claimed task: it moves to complete and the lease ends */
        post: operations["submitTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a claimed task back with a reason: it returns to pending and the queue never hands it to this member again */
        post: operations["skipTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/verdict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a task at its review stage (next stage, or reviewed after the last) or reject it with a reason (back to pending, assigned to its submitter) */
        post: operations["giveTaskVerdict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/verdicts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The same verdict on tasks in review: up to 1,000 ids answered task by task, or a filter (a job) */
        post: operations["giveTaskVerdicts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a task (with data and its transition history when asked) */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Replace a task's data (checked against the task schema), resources, priority or prediction (annotators and reviewers: only tasks assigned to or claimed by them) */
        patch: operations["updateTask"];
        trace?: never;
    };
    "/v1/tasks/{id}/gold": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a task's known answer, making it a gold task handed to members at the project's goldRate (data null: no longer gold) */
        put: operations["setTaskGold"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a job that exports the tasks a filter selects as JSON, JSONL or CSV, or their labels as COCO, YOLO, VOC or masks (an artifact) */
        post: operations["exportTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send complete tasks to review (ids: answered at once; filter: a job) */
        post: operations["reviewTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/redo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send complete, to_review or reviewed tasks back to pending, optionally resetting their data */
        post: operations["redoTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move tasks along the workflow (pending → in_progress → complete → to_review → reviewed) */
        post: operations["transitionTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign tasks to a member (ids: answered at once; filter: a job) */
        post: operations["assignTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/unassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take tasks away from their assignee (ids: answered at once; filter: a job) */
        post: operations["unassignTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/properties": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the score and set, replace or remove custom properties of tasks */
        post: operations["updateTaskProperties"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/sheet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a task's sheet, a page of rows at a time (startKey → lastKey) */
        get: operations["getSheet"];
        put?: never;
        /** Create a task's sheet (once: a second time is 409 sheet_exists) */
        post: operations["createSheet"];
        delete?: never;
        options?: never;
        head?: never;
        /** Add columns, lots or rows to a sheet */
        patch: operations["updateSheet"];
        trace?: never;
    };
    "/v1/tasks/{id}/sheet/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Add, update or delete values, all or nothing (a stale oldValue rejects the whole list) */
        patch: operations["patchSheetValues"];
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks (of a project with projectId) */
        get: operations["listWebhooks"];
        put?: never;
        /** Subscribe a URL to a project's events (the answer holds the signing secret, once) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change a webhook (URL, events, enabled, retries) or rotate its secret */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log: each event sent, its attempts, last status code and last error */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a webhook.ping event now */
        post: operations["pingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the changes made by credentials (newest first), for admins */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/datasets/{id}/batches/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a batch from a streamed upload: a JSON array, JSON Lines (application/x-ndjson) or CSV with a header
         * @description The body is read as it arrives (any size). Rows are type-checked against the columns; bad rows go to the job’s errors.jsonl. Answers with the finished batch.ingest job.
         */
        post: operations["uploadBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}/tasks/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import tasks from a streamed JSONL file or JSON array of any size (answers with the finished tasks.import job) */
        post: operations["importTasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        credentialId: string;
                        kind: "key" | "client";
                        name: string;
                        workspaceId: string | null;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role: "admin" | "editor" | "viewer" | "worker";
                        member: {
                            id: string;
                            role: "annotator" | "reviewer" | "manager";
                        } | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example ws_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            name?: string;
                            /** @description Its share of job claims against other workspaces with queued jobs of the same type (default 1; set by an instance admin). */
                            weight?: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique across the instance. */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ws_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        name: string;
                        /** @description Its share of job claims against other workspaces with queued jobs of the same type (default 1; set by an instance admin). */
                        weight: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWorkspace: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ws_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId?: number;
                        name?: string;
                        /** @description Its share of job claims against other workspaces with queued jobs of the same type (default 1; set by an instance admin). */
                        weight?: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteWorkspace: {
        parameters: {
            query?: {
                /** @description Delete the workspace with all its projects and credentials. */
                force?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique across the instance. */
                    name?: string;
                    /** @description Claim weight (1 to 1000): an instance-wide admin credential only. */
                    weight?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ws_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        name: string;
                        /** @description Its share of job claims against other workspaces with queued jobs of the same type (default 1; set by an instance admin). */
                        weight: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example prj_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            workspaceId?: string;
                            name?: string;
                            description?: string | null;
                            taskSchema?: {
                                [key: string]: unknown;
                            } | null;
                            workflow?: {
                                /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                                reviewStages: string[];
                                /** @description A member may not give a verdict on a task they submitted. */
                                excludeSelfReview: boolean;
                                /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                                annotationsPerTask: number;
                                /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                                agreementThreshold: number;
                                /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                                goldRate: number;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Defaults to the credential's workspace; required for instance credentials. */
                    workspaceId?: string;
                    /** @description Unique within the workspace. */
                    name: string;
                    description?: string | null;
                    taskSchema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description The review workflow (fields left out keep their value; defaults: no stages, excludeSelfReview true, annotationsPerTask 1, agreementThreshold 0.8, goldRate 0). */
                    workflow?: {
                        /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                        reviewStages?: string[];
                        /** @description A member may not give a verdict on a task they submitted. */
                        excludeSelfReview?: boolean;
                        /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                        annotationsPerTask?: number;
                        /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                        agreementThreshold?: number;
                        /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                        goldRate?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prj_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        name: string;
                        description: string | null;
                        taskSchema: {
                            [key: string]: unknown;
                        } | null;
                        workflow: {
                            /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                            reviewStages: string[];
                            /** @description A member may not give a verdict on a task they submitted. */
                            excludeSelfReview: boolean;
                            /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                            annotationsPerTask: number;
                            /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                            agreementThreshold: number;
                            /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                            goldRate: number;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getProjectForm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        projectType: "form";
                        metadata: {
                            /** @description Rows of columns of inputs: one row per top-level property of the task schema. */
                            inputsLayout: {
                                /** @description The property of the task data this input fills. */
                                id: string;
                                /** @description text, number, date, email or json-editor (anything). */
                                type: string;
                                submit: boolean;
                                label: string;
                                required: boolean;
                            }[][][];
                            toolOptions: {
                                sequence: boolean;
                            };
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prj_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId?: number;
                        workspaceId?: string;
                        name?: string;
                        description?: string | null;
                        taskSchema?: {
                            [key: string]: unknown;
                        } | null;
                        workflow?: {
                            /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                            reviewStages: string[];
                            /** @description A member may not give a verdict on a task they submitted. */
                            excludeSelfReview: boolean;
                            /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                            annotationsPerTask: number;
                            /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                            agreementThreshold: number;
                            /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                            goldRate: number;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteProject: {
        parameters: {
            query?: {
                /** @description Delete the project with all its data. */
                force?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique within the workspace. */
                    name?: string;
                    description?: string | null;
                    taskSchema?: {
                        [key: string]: unknown;
                    } | null;
                    /** @description The review workflow (fields left out keep their value; defaults: no stages, excludeSelfReview true, annotationsPerTask 1, agreementThreshold 0.8, goldRate 0). */
                    workflow?: {
                        /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                        reviewStages?: string[];
                        /** @description A member may not give a verdict on a task they submitted. */
                        excludeSelfReview?: boolean;
                        /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                        annotationsPerTask?: number;
                        /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                        agreementThreshold?: number;
                        /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                        goldRate?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prj_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        name: string;
                        description: string | null;
                        taskSchema: {
                            [key: string]: unknown;
                        } | null;
                        workflow: {
                            /** @description Review stages in order (unique names, at most 10); empty: no stages. */
                            reviewStages: string[];
                            /** @description A member may not give a verdict on a task they submitted. */
                            excludeSelfReview: boolean;
                            /** @description Consensus: how many different members annotate each task (1: one, no consensus). */
                            annotationsPerTask: number;
                            /** @description Consensus: a task whose annotations agree less than this (0 to 1) goes to review. */
                            agreementThreshold: number;
                            /** @description Share of claims that hand out a gold task (0: none). Deterministic: every round(1/goldRate)-th claim of a member in the project is a gold task they have not answered, when one is left (docs/tasks.md, "Gold tasks"). */
                            goldRate: number;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
                /** @description Comma-separated roles. */
                roles?: string;
                email?: string;
                /** @description Removed members too. */
                includeRemoved?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example mem_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string;
                            name?: string;
                            email?: string;
                            /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                            role?: "annotator" | "reviewer" | "manager";
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                            removedAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createMember: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Defaults to the credential's workspace; required for instance credentials. */
                    workspaceId?: string;
                    name: string;
                    /** @description Unique among the workspace members not removed (compared without case). */
                    email: string;
                    /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                    role: "annotator" | "reviewer" | "manager";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mem_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        name: string;
                        email: string;
                        /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                        role: "annotator" | "reviewer" | "manager";
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        removedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getMember: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mem_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        workspaceId?: string;
                        name?: string;
                        email?: string;
                        /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                        role?: "annotator" | "reviewer" | "manager";
                        createdBy?: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                        removedAt?: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description Unique among the workspace members not removed (compared without case). */
                    email?: string;
                    /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                    role?: "annotator" | "reviewer" | "manager";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mem_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        name: string;
                        email: string;
                        /** @description annotator: claims, works on and submits tasks; reviewer: also reviews, redoes and moves tasks; manager: every editor action (creating, assigning, bulk operations). See docs/tasks.md, "Members". */
                        role: "annotator" | "reviewer" | "manager";
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        removedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    qualityReport: {
        parameters: {
            query: {
                /** @description The project whose work is measured. */
                projectId: string;
                /** @description ISO 8601 date-time: work done at or after it counts (default: 30 days before `to`). */
                from?: string;
                /** @description ISO 8601 date-time: work done before it counts (default: now, with everything up to the request counted). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description One row per member with activity in the range, by member id. */
                        data: {
                            memberId: string;
                            name: string;
                            /** @description annotator, reviewer or manager. */
                            role: string;
                            /** @description Tasks submitted from claim queues in the range, gold answers included. */
                            submitted: number;
                            /** @description Clock hours (UTC) in which the member submitted at least once. */
                            activeHours: number;
                            /** @description submitted / activeHours (0: no active hour). */
                            throughputPerHour: number;
                            gold: {
                                /** @description Gold tasks the member answered in the range. */
                                answered: number;
                                accuracy: number | null;
                            };
                            agreement: number | null;
                            reviews: {
                                /** @description Verdicts given in the range on the member's submitted work. */
                                verdicts: number;
                                rejected: number;
                                rejectionRate: number | null;
                            };
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        from: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        to: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    memberQuality: {
        parameters: {
            query: {
                /** @description The project whose work is measured. */
                projectId: string;
                /** @description ISO 8601 date-time: work done at or after it counts (default: 30 days before `to`). */
                from?: string;
                /** @description ISO 8601 date-time: work done before it counts (default: now, with everything up to the request counted). */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        memberId: string;
                        name: string;
                        /** @description annotator, reviewer or manager. */
                        role: string;
                        /** @description Tasks submitted from claim queues in the range, gold answers included. */
                        submitted: number;
                        /** @description Clock hours (UTC) in which the member submitted at least once. */
                        activeHours: number;
                        /** @description submitted / activeHours (0: no active hour). */
                        throughputPerHour: number;
                        gold: {
                            /** @description Gold tasks the member answered in the range. */
                            answered: number;
                            accuracy: number | null;
                        };
                        agreement: number | null;
                        reviews: {
                            /** @description Verdicts given in the range on the member's submitted work. */
                            verdicts: number;
                            rejected: number;
                            rejectionRate: number | null;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                /** @description Only this workspace; `none` for instance-wide ones. */
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            workspaceId?: string | null;
                            name?: string;
                            /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                            role?: "admin" | "editor" | "viewer" | "worker";
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            createdBy?: string | null;
                            revokedAt?: string | null;
                            /** @description The last four characters of the token. */
                            hint?: string;
                            expiresAt?: string | null;
                            lastUsedAt?: string | null;
                            memberId?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. Required, except for a member's key (always editor, narrowed by the member's role). */
                    role?: "admin" | "editor" | "viewer" | "worker";
                    /** @description A key that acts for this member: its role is editor, narrowed by the member's role (docs/tasks.md, "Members"); the key goes in the member's workspace. */
                    memberId?: string;
                    workspaceId?: string | null;
                    expiresAt?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workspaceId: string | null;
                        name: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        createdBy: string | null;
                        revokedAt: string | null;
                        /** @description The last four characters of the token. */
                        hint: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        memberId: string | null;
                        /** @description The API key itself. Shown once: only its hash is stored. */
                        token: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id?: string;
                        workspaceId?: string | null;
                        name?: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role?: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        createdBy?: string | null;
                        revokedAt?: string | null;
                        /** @description The last four characters of the token. */
                        hint?: string;
                        expiresAt?: string | null;
                        lastUsedAt?: string | null;
                        memberId?: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workspaceId: string | null;
                        name: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        createdBy: string | null;
                        revokedAt: string | null;
                        /** @description The last four characters of the token. */
                        hint: string;
                        expiresAt: string | null;
                        lastUsedAt: string | null;
                        memberId: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listApiClients: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                /** @description Only this workspace; `none` for instance-wide ones. */
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id?: string;
                            workspaceId?: string | null;
                            name?: string;
                            /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                            role?: "admin" | "editor" | "viewer" | "worker";
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            createdBy?: string | null;
                            revokedAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                    role: "admin" | "editor" | "viewer" | "worker";
                    workspaceId?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workspaceId: string | null;
                        name: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        createdBy: string | null;
                        revokedAt: string | null;
                        /** @description Shown once: only its hash is stored. */
                        clientSecret: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getApiClient: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id?: string;
                        workspaceId?: string | null;
                        name?: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role?: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        createdBy?: string | null;
                        revokedAt?: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    revokeApiClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        workspaceId: string | null;
                        name: string;
                        /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                        role: "admin" | "editor" | "viewer" | "worker";
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        createdBy: string | null;
                        revokedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Form-encoded or JSON. Credentials may also come as HTTP Basic auth. */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /** @description Must be client_credentials. */
                    grant_type: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                } & {
                    [key: string]: unknown;
                };
                "application/json": {
                    /** @description Must be client_credentials. */
                    grant_type: string;
                    client_id?: string;
                    client_secret?: string;
                    scope?: string;
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        /** @description Seconds until the token expires. */
                        expires_in: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    streamAllJobEvents: {
        parameters: {
            query?: {
                /** @description Only jobs of this project. */
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listJobs: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
                projectId?: string;
                /** @description One type, or several separated by commas. */
                type?: string;
                /** @description One status, or several separated by commas. */
                status?: string;
                definitionId?: string;
                /** @description Only the jobs of this flow. */
                flowId?: string;
                /** @example 2026-11-23T14:27:39.123Z */
                createdAfter?: string;
                /** @example 2026-11-23T14:27:39.123Z */
                createdBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            workspaceId?: string;
                            projectId?: string | null;
                            type?: string;
                            title?: string | null;
                            description?: string | null;
                            arguments?: {
                                [key: string]: unknown;
                            };
                            status?: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Higher runs first. */
                            priority?: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            runAt?: string;
                            /** @description Attempts started so far. */
                            attempt?: number;
                            maxAttempts?: number;
                            timeoutMs?: number | null;
                            progress?: {
                                done: number;
                                total: number | null;
                                unit: string | null;
                                message: string | null;
                                percent: number | null;
                            } | null;
                            counters?: {
                                [key: string]: number;
                            };
                            warnings?: string[];
                            /** @description What the handler returned (succeeded jobs). */
                            result?: unknown;
                            error?: {
                                code: string;
                                message: string;
                                details?: unknown;
                            } | null;
                            artifacts?: {
                                name: string;
                                contentType: string;
                                size: number;
                                /** @description Download path, relative to the server. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                createdAt: string;
                            }[];
                            abortRequested?: boolean;
                            /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                            dependencyCount?: number;
                            /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                            pendingDependencies?: number;
                            /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                            onDependencyFailure?: "fail" | "skip" | "run";
                            startBefore?: string | null;
                            concurrencyKey?: string | null;
                            flowId?: string | null;
                            flowKey?: string | null;
                            /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                            paused?: boolean;
                            definitionId?: string | null;
                            uniqueKey?: string | null;
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                            startedAt?: string | null;
                            finishedAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Lower-case letters, digits and . _ : - */
                    type: string;
                    /** @description Defaults to the credential's workspace. */
                    workspaceId?: string;
                    projectId?: string;
                    title?: string;
                    description?: string;
                    arguments?: {
                        [key: string]: unknown;
                    };
                    /** @default 0 */
                    priority?: number;
                    /**
                     * Format: date-time
                     * @example 2026-11-23T14:27:39.123Z
                     */
                    runAt?: string;
                    maxAttempts?: number;
                    /** @description Milliseconds an attempt may run (at most 7 days). Past it the handler’s signal fires and the attempt fails with code `timeout`; a remote worker learns it from its next heartbeat. */
                    timeoutMs?: number;
                    /** @description Ids of jobs (of the same workspace) this job waits for: it stays `waiting` until every one has ended, and runs when all succeeded (see onDependencyFailure). */
                    dependsOn?: string[];
                    /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                    onDependencyFailure?: "fail" | "skip" | "run";
                    /**
                     * Format: date-time
                     * @description If the job has not started by then it ends `expired` and never runs (its dependents settle as for a failed dependency).
                     */
                    startBefore?: string;
                    /** @description Jobs of the same type and workspace with the same key share its limits (`keyLimits` of the job’s definition, else of its type; by default one at a time): the others stay queued until a slot frees. */
                    concurrencyKey?: string;
                    backoff?: {
                        initialMs: number;
                        maxMs: number;
                    };
                    /** @description While a job with this key is queued or running, creating another returns it. */
                    uniqueKey?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    jobs: {
                        /** @description Lower-case letters, digits and . _ : - */
                        type: string;
                        /** @description Defaults to the credential's workspace. */
                        workspaceId?: string;
                        projectId?: string;
                        title?: string;
                        description?: string;
                        arguments?: {
                            [key: string]: unknown;
                        };
                        /** @default 0 */
                        priority?: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt?: string;
                        maxAttempts?: number;
                        /** @description Milliseconds an attempt may run (at most 7 days). Past it the handler’s signal fires and the attempt fails with code `timeout`; a remote worker learns it from its next heartbeat. */
                        timeoutMs?: number;
                        /** @description Ids of jobs (of the same workspace) this job waits for: it stays `waiting` until every one has ended, and runs when all succeeded (see onDependencyFailure). */
                        dependsOn?: string[];
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure?: "fail" | "skip" | "run";
                        /**
                         * Format: date-time
                         * @description If the job has not started by then it ends `expired` and never runs (its dependents settle as for a failed dependency).
                         */
                        startBefore?: string;
                        /** @description Jobs of the same type and workspace with the same key share its limits (`keyLimits` of the job’s definition, else of its type; by default one at a time): the others stay queued until a slot frees. */
                        concurrencyKey?: string;
                        backoff?: {
                            initialMs: number;
                            maxMs: number;
                        };
                        /** @description While a job with this key is queued or running, creating another returns it. */
                        uniqueKey?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId: number;
                            workspaceId: string;
                            projectId: string | null;
                            type: string;
                            title: string | null;
                            description: string | null;
                            arguments: {
                                [key: string]: unknown;
                            };
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Higher runs first. */
                            priority: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            runAt: string;
                            /** @description Attempts started so far. */
                            attempt: number;
                            maxAttempts: number;
                            timeoutMs: number | null;
                            progress: {
                                done: number;
                                total: number | null;
                                unit: string | null;
                                message: string | null;
                                percent: number | null;
                            } | null;
                            counters: {
                                [key: string]: number;
                            };
                            warnings: string[];
                            /** @description What the handler returned (succeeded jobs). */
                            result: unknown;
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            } | null;
                            artifacts: {
                                name: string;
                                contentType: string;
                                size: number;
                                /** @description Download path, relative to the server. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                createdAt: string;
                            }[];
                            abortRequested: boolean;
                            /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                            dependencyCount: number;
                            /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                            pendingDependencies: number;
                            /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                            onDependencyFailure: "fail" | "skip" | "run";
                            startBefore: string | null;
                            concurrencyKey: string | null;
                            flowId: string | null;
                            flowKey: string | null;
                            /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                            paused: boolean;
                            definitionId: string | null;
                            uniqueKey: string | null;
                            createdBy: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    bulkJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description abort: queued or running jobs; retry: failed or aborted ones; delete: finished ones (with their artifacts). */
                    action: "abort" | "retry" | "delete";
                    filter: {
                        /** @description These jobs (404 for one not in the workspace); one that fails another criterion is reported as skipped with reason not_matched. */
                        ids?: string[];
                        types?: string[];
                        statuses?: ("waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired")[];
                        definitionId?: string;
                        projectId?: string;
                        /** @description The jobs of this flow. */
                        flowId?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdGte?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdLt?: string;
                    };
                    /** @description Defaults to the credential's workspace (required for an instance one). */
                    workspaceId?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getJob: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                /** @description Long-poll: answer when the job ends or after this many seconds. */
                wait?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId?: number;
                        workspaceId?: string;
                        projectId?: string | null;
                        type?: string;
                        title?: string | null;
                        description?: string | null;
                        arguments?: {
                            [key: string]: unknown;
                        };
                        status?: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority?: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt?: string;
                        /** @description Attempts started so far. */
                        attempt?: number;
                        maxAttempts?: number;
                        timeoutMs?: number | null;
                        progress?: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters?: {
                            [key: string]: number;
                        };
                        warnings?: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result?: unknown;
                        error?: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts?: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested?: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount?: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies?: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure?: "fail" | "skip" | "run";
                        startBefore?: string | null;
                        concurrencyKey?: string | null;
                        flowId?: string | null;
                        flowKey?: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused?: boolean;
                        definitionId?: string | null;
                        uniqueKey?: string | null;
                        createdBy?: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                        startedAt?: string | null;
                        finishedAt?: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    streamJobEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    abortJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    retryJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    downloadJobArtifact: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listJobDependencies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            type: string;
                            flowKey: string | null;
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description What it returned, once it succeeded. */
                            result: unknown;
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            } | null;
                            finishedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getJobLogs: {
        parameters: {
            query?: {
                /** @description Only lines with a greater `seq`. */
                after?: number;
                /** @description Lines per page (1–1000). */
                limit?: number;
                /** @description Answer with server-sent events instead: `line` for each line (those after `after`, then each new one), `end` once the job has ended and every line was sent. */
                follow?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Lines after `after`, oldest first. */
                        data: {
                            /** @description The line’s number in its job’s log: 1, 2, 3… in writing order. */
                            seq: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                            /** @description debug, info, warn or error. */
                            level: "debug" | "info" | "warn" | "error";
                            message: string;
                            fields?: {
                                [key: string]: unknown;
                            };
                            /** @description The attempt that wrote it. */
                            attempt: number;
                        }[];
                        /** @description The `after` of the next page: the last line’s `seq` (or `after` when no line came). */
                        nextAfter: number;
                        /** @description The newest line’s `seq` when the job was read (0: none yet). */
                        lastSeq: number;
                        /** @description Lines dropped by the bound of 1000 kept per job: those numbered up to it are gone. */
                        dropped: number;
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description The job has ended and this page holds its last line. */
                        ended: boolean;
                    };
                    "text/event-stream": {
                        /** @description Lines after `after`, oldest first. */
                        data: {
                            /** @description The line’s number in its job’s log: 1, 2, 3… in writing order. */
                            seq: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                            /** @description debug, info, warn or error. */
                            level: "debug" | "info" | "warn" | "error";
                            message: string;
                            fields?: {
                                [key: string]: unknown;
                            };
                            /** @description The attempt that wrote it. */
                            attempt: number;
                        }[];
                        /** @description The `after` of the next page: the last line’s `seq` (or `after` when no line came). */
                        nextAfter: number;
                        /** @description The newest line’s `seq` when the job was read (0: none yet). */
                        lastSeq: number;
                        /** @description Lines dropped by the bound of 1000 kept per job: those numbered up to it are gone. */
                        dropped: number;
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description The job has ended and this page holds its last line. */
                        ended: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listJobTypes: {
        parameters: {
            query?: {
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            name: string;
                            workspaceId: string | null;
                            builtIn: boolean;
                            /** @description A resource's own type (batch.*, tasks.*, …): the server makes its jobs; `POST /v1/jobs` and job definitions refuse it. */
                            internal: boolean;
                            description: string | null;
                            argumentsSchema: {
                                [key: string]: unknown;
                            } | null;
                            keyLimits: {
                                maxRunning: number;
                                rate: {
                                    max: number;
                                    windowMs: number;
                                } | null;
                            } | null;
                            /** @description Its queued jobs are not claimed (in the workspace listed, or instance-wide) until it is resumed; running jobs finish normally. */
                            paused: boolean;
                            pausedScope: ("workspace" | "instance") | null;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    putJobType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workspaceId?: string;
                    description?: string | null;
                    argumentsSchema?: {
                        [key: string]: unknown;
                    } | null;
                    keyLimits?: {
                        /** @description At most this many jobs of one key run at once (default 1). */
                        maxRunning?: number;
                        rate?: {
                            max: number;
                            windowMs: number;
                        } | null;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        workspaceId: string | null;
                        builtIn: boolean;
                        /** @description A resource's own type (batch.*, tasks.*, …): the server makes its jobs; `POST /v1/jobs` and job definitions refuse it. */
                        internal: boolean;
                        description: string | null;
                        argumentsSchema: {
                            [key: string]: unknown;
                        } | null;
                        keyLimits: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        /** @description Its queued jobs are not claimed (in the workspace listed, or instance-wide) until it is resumed; running jobs finish normally. */
                        paused: boolean;
                        pausedScope: ("workspace" | "instance") | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteJobType: {
        parameters: {
            query?: {
                workspaceId?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listJobKeys: {
        parameters: {
            query?: {
                workspaceId?: string;
                limit?: number;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            type: string;
                            workspaceId: string;
                            key: string;
                            /** @description Its jobs waiting for a slot (or their runAt). */
                            queued: number;
                            running: number;
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                            /** @description Jobs started in the current rate window (0 without a rate). */
                            windowStarts: number;
                            nextTurnAt: string | null;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    pauseJobType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The workspace whose jobs of this type pause; defaults to the credential's. */
                    workspaceId?: string;
                    /** @description Every workspace at once (an instance-wide admin credential only). */
                    instanceWide?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        workspaceId: string | null;
                        builtIn: boolean;
                        /** @description A resource's own type (batch.*, tasks.*, …): the server makes its jobs; `POST /v1/jobs` and job definitions refuse it. */
                        internal: boolean;
                        description: string | null;
                        argumentsSchema: {
                            [key: string]: unknown;
                        } | null;
                        keyLimits: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        /** @description Its queued jobs are not claimed (in the workspace listed, or instance-wide) until it is resumed; running jobs finish normally. */
                        paused: boolean;
                        pausedScope: ("workspace" | "instance") | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    resumeJobType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The workspace whose jobs of this type pause; defaults to the credential's. */
                    workspaceId?: string;
                    /** @description Every workspace at once (an instance-wide admin credential only). */
                    instanceWide?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        workspaceId: string | null;
                        builtIn: boolean;
                        /** @description A resource's own type (batch.*, tasks.*, …): the server makes its jobs; `POST /v1/jobs` and job definitions refuse it. */
                        internal: boolean;
                        description: string | null;
                        argumentsSchema: {
                            [key: string]: unknown;
                        } | null;
                        keyLimits: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        /** @description Its queued jobs are not claimed (in the workspace listed, or instance-wide) until it is resumed; running jobs finish normally. */
                        paused: boolean;
                        pausedScope: ("workspace" | "instance") | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    claimJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    types: string[];
                    /** @description Stable name of the worker process. */
                    workerId: string;
                    /** @default 1 */
                    limit?: number;
                    /** @default 0 */
                    waitSeconds?: number;
                    /** @default 30 */
                    leaseSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId: number;
                            workspaceId: string;
                            projectId: string | null;
                            type: string;
                            title: string | null;
                            description: string | null;
                            arguments: {
                                [key: string]: unknown;
                            };
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Higher runs first. */
                            priority: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            runAt: string;
                            /** @description Attempts started so far. */
                            attempt: number;
                            maxAttempts: number;
                            timeoutMs: number | null;
                            progress: {
                                done: number;
                                total: number | null;
                                unit: string | null;
                                message: string | null;
                                percent: number | null;
                            } | null;
                            counters: {
                                [key: string]: number;
                            };
                            warnings: string[];
                            /** @description What the handler returned (succeeded jobs). */
                            result: unknown;
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            } | null;
                            artifacts: {
                                name: string;
                                contentType: string;
                                size: number;
                                /** @description Download path, relative to the server. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                createdAt: string;
                            }[];
                            abortRequested: boolean;
                            /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                            dependencyCount: number;
                            /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                            pendingDependencies: number;
                            /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                            onDependencyFailure: "fail" | "skip" | "run";
                            startBefore: string | null;
                            concurrencyKey: string | null;
                            flowId: string | null;
                            flowKey: string | null;
                            /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                            paused: boolean;
                            definitionId: string | null;
                            uniqueKey: string | null;
                            createdBy: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt: string;
                            startedAt: string | null;
                            finishedAt: string | null;
                            /** @description What a previous attempt saved, to resume from. */
                            checkpoint: unknown;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            leaseExpiresAt: string;
                            /** @description The jobs it depends on, with their results (empty without dependencies). */
                            dependencies: {
                                id: string;
                                type: string;
                                flowKey: string | null;
                                status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                                /** @description What it returned, once it succeeded. */
                                result: unknown;
                                error: {
                                    code: string;
                                    message: string;
                                    details?: unknown;
                                } | null;
                                finishedAt: string | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    heartbeatJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workerId: string;
                    /** @default 30 */
                    leaseSeconds?: number;
                    progress?: {
                        done: number;
                        total?: number | null;
                        unit?: string | null;
                        message?: string | null;
                    };
                    counters?: {
                        [key: string]: number;
                    };
                    warnings?: string[];
                    checkpoint?: unknown;
                    /** @description Lines for the job's log, oldest first (at most 1000). */
                    logs?: {
                        /** @description debug, info, warn or error. */
                        level: "debug" | "info" | "warn" | "error";
                        message: string;
                        /** @description At most 4096 bytes as JSON. */
                        fields?: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @description When the worker wrote it (default: when it arrived).
                         */
                        at?: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description True when the job should stop: an abort was asked for. */
                        abort: boolean;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        leaseExpiresAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    completeJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workerId: string;
                    result?: unknown;
                    counters?: {
                        [key: string]: number;
                    };
                    warnings?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    completeJobs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workerId: string;
                    /** @description One entry per claimed job this worker finished; each job at most once. */
                    results: {
                        jobId: string;
                        result?: unknown;
                        counters?: {
                            [key: string]: number;
                        };
                        warnings?: string[];
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description One entry per result, in request order. */
                        data: {
                            jobId: string;
                            status: ("succeeded" | "aborted") | null;
                            error: {
                                /** @description `lease_lost` or `not_found`, as the single complete would answer. */
                                code: string;
                                message: string;
                            } | null;
                        }[];
                        /** @description How many jobs this request completed. */
                        completed: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    failJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workerId: string;
                    error: {
                        code?: string;
                        message: string;
                        details?: unknown;
                    };
                    /** @default true */
                    retryable?: boolean;
                    counters?: {
                        [key: string]: number;
                    };
                    warnings?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listDefinitions: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
                projectId?: string;
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example jdf_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string;
                            projectId?: string | null;
                            name?: string;
                            type?: string;
                            description?: string | null;
                            parameters?: {
                                [key: string]: unknown;
                            };
                            schedule?: string | null;
                            timezone?: string;
                            enabled?: boolean;
                            maxRunning?: number | null;
                            maxStartsPerHour?: number | null;
                            timeoutMs?: number | null;
                            concurrencyKey?: string | null;
                            keyLimits?: {
                                maxRunning: number;
                                rate: {
                                    max: number;
                                    windowMs: number;
                                } | null;
                            } | null;
                            nextRunAt?: string | null;
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    type: string;
                    workspaceId?: string;
                    projectId?: string;
                    description?: string | null;
                    parameters?: {
                        [key: string]: unknown;
                    };
                    schedule?: string | null;
                    /** @description IANA time zone of the schedule (default UTC). */
                    timezone?: string;
                    enabled?: boolean;
                    maxRunning?: number | null;
                    maxStartsPerHour?: number | null;
                    timeoutMs?: number | null;
                    concurrencyKey?: string | null;
                    keyLimits?: {
                        /** @description At most this many jobs of one key run at once (default 1). */
                        maxRunning?: number;
                        rate?: {
                            max: number;
                            windowMs: number;
                        } | null;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example jdf_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        type: string;
                        description: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        schedule: string | null;
                        timezone: string;
                        enabled: boolean;
                        maxRunning: number | null;
                        maxStartsPerHour: number | null;
                        timeoutMs: number | null;
                        concurrencyKey: string | null;
                        keyLimits: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        nextRunAt: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    previewDefinitionSchedule: {
        parameters: {
            query: {
                /** @description Cron expression: 5 fields (minute precision) or 6 (with seconds first), e.g. `0 3 * * *`. */
                schedule: string;
                /** @description IANA time zone of the schedule (default UTC). */
                timezone?: string;
                /** @description How many fire times (default 5). */
                count?: number;
                /** @description The times after this instant (default: now). */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        schedule: string;
                        timezone: string;
                        /** @description The next fire times, as the scheduler computes them (fewer when the expression stops firing, e.g. `0 0 30 2 *`). */
                        times: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getDefinition: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example jdf_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        workspaceId?: string;
                        projectId?: string | null;
                        name?: string;
                        type?: string;
                        description?: string | null;
                        parameters?: {
                            [key: string]: unknown;
                        };
                        schedule?: string | null;
                        timezone?: string;
                        enabled?: boolean;
                        maxRunning?: number | null;
                        maxStartsPerHour?: number | null;
                        timeoutMs?: number | null;
                        concurrencyKey?: string | null;
                        keyLimits?: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        nextRunAt?: string | null;
                        createdBy?: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    parameters?: {
                        [key: string]: unknown;
                    };
                    schedule?: string | null;
                    /** @description IANA time zone of the schedule (default UTC). */
                    timezone?: string;
                    enabled?: boolean;
                    maxRunning?: number | null;
                    maxStartsPerHour?: number | null;
                    timeoutMs?: number | null;
                    concurrencyKey?: string | null;
                    keyLimits?: {
                        /** @description At most this many jobs of one key run at once (default 1). */
                        maxRunning?: number;
                        rate?: {
                            max: number;
                            windowMs: number;
                        } | null;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example jdf_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        type: string;
                        description: string | null;
                        parameters: {
                            [key: string]: unknown;
                        };
                        schedule: string | null;
                        timezone: string;
                        enabled: boolean;
                        maxRunning: number | null;
                        maxStartsPerHour: number | null;
                        timeoutMs: number | null;
                        concurrencyKey: string | null;
                        keyLimits: {
                            maxRunning: number;
                            rate: {
                                max: number;
                                windowMs: number;
                            } | null;
                        } | null;
                        nextRunAt: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    runDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    parameters?: {
                        [key: string]: unknown;
                    };
                    title?: string;
                    priority?: number;
                    /** @description Jobs of the same type and workspace with the same key share its limits (`keyLimits` of the job’s definition, else of its type; by default one at a time): the others stay queued until a slot frees. */
                    concurrencyKey?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listDefinitionInstances: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                /** @description One status, or several separated by commas. */
                status?: string;
                /** @example 2026-11-23T14:27:39.123Z */
                createdAfter?: string;
                /** @example 2026-11-23T14:27:39.123Z */
                createdBefore?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            workspaceId?: string;
                            projectId?: string | null;
                            type?: string;
                            title?: string | null;
                            description?: string | null;
                            arguments?: {
                                [key: string]: unknown;
                            };
                            status?: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Higher runs first. */
                            priority?: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            runAt?: string;
                            /** @description Attempts started so far. */
                            attempt?: number;
                            maxAttempts?: number;
                            timeoutMs?: number | null;
                            progress?: {
                                done: number;
                                total: number | null;
                                unit: string | null;
                                message: string | null;
                                percent: number | null;
                            } | null;
                            counters?: {
                                [key: string]: number;
                            };
                            warnings?: string[];
                            /** @description What the handler returned (succeeded jobs). */
                            result?: unknown;
                            error?: {
                                code: string;
                                message: string;
                                details?: unknown;
                            } | null;
                            artifacts?: {
                                name: string;
                                contentType: string;
                                size: number;
                                /** @description Download path, relative to the server. */
                                url: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                createdAt: string;
                            }[];
                            abortRequested?: boolean;
                            /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                            dependencyCount?: number;
                            /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                            pendingDependencies?: number;
                            /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                            onDependencyFailure?: "fail" | "skip" | "run";
                            startBefore?: string | null;
                            concurrencyKey?: string | null;
                            flowId?: string | null;
                            flowKey?: string | null;
                            /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                            paused?: boolean;
                            definitionId?: string | null;
                            uniqueKey?: string | null;
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                            startedAt?: string | null;
                            finishedAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listFlows: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
                projectId?: string;
                /** @description One status, or several separated by commas. */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example flw_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string;
                            projectId?: string | null;
                            name?: string;
                            status?: "running" | "succeeded" | "failed" | "aborted";
                            abortRequested?: boolean;
                            progress?: {
                                total: number;
                                /** @description Jobs waiting, queued or running. */
                                unfinished: number;
                                succeeded: number;
                                /** @description Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0. */
                                percent: number;
                            };
                            /** @description Every job of the flow (on a single flow, not in lists). */
                            jobs?: {
                                key: string;
                                id: string;
                                type: string;
                                status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                                /** @description Names of the jobs it waits for. */
                                dependsOn: string[];
                                percent: number | null;
                                startedAt: string | null;
                                finishedAt: string | null;
                            }[];
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                            finishedAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createFlow: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description Defaults to the credential's workspace. */
                    workspaceId?: string;
                    /** @description The project of every job of the flow. */
                    projectId?: string;
                    /** @description The jobs, by their name in the flow; `dependsOn` names others of them. */
                    jobs: {
                        [key: string]: {
                            /** @description Lower-case letters, digits and . _ : - */
                            type: string;
                            title?: string;
                            description?: string;
                            arguments?: {
                                [key: string]: unknown;
                            };
                            /** @default 0 */
                            priority?: number;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            runAt?: string;
                            maxAttempts?: number;
                            /** @description Milliseconds an attempt may run (at most 7 days). Past it the handler’s signal fires and the attempt fails with code `timeout`; a remote worker learns it from its next heartbeat. */
                            timeoutMs?: number;
                            backoff?: {
                                initialMs: number;
                                maxMs: number;
                            };
                            /**
                             * Format: date-time
                             * @description If the job has not started by then it ends `expired` and never runs (its dependents settle as for a failed dependency).
                             */
                            startBefore?: string;
                            /** @description Names of jobs of this flow that this one waits for. */
                            dependsOn?: string[];
                            /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                            onDependencyFailure?: "fail" | "skip" | "run";
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example flw_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        status: "running" | "succeeded" | "failed" | "aborted";
                        abortRequested: boolean;
                        progress: {
                            total: number;
                            /** @description Jobs waiting, queued or running. */
                            unfinished: number;
                            succeeded: number;
                            /** @description Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0. */
                            percent: number;
                        };
                        /** @description Every job of the flow (on a single flow, not in lists). */
                        jobs?: {
                            key: string;
                            id: string;
                            type: string;
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Names of the jobs it waits for. */
                            dependsOn: string[];
                            percent: number | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getFlow: {
        parameters: {
            query?: {
                /** @description Long-poll: answer when the flow ends or after this many seconds. */
                wait?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example flw_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        status: "running" | "succeeded" | "failed" | "aborted";
                        abortRequested: boolean;
                        progress: {
                            total: number;
                            /** @description Jobs waiting, queued or running. */
                            unfinished: number;
                            succeeded: number;
                            /** @description Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0. */
                            percent: number;
                        };
                        /** @description Every job of the flow (on a single flow, not in lists). */
                        jobs?: {
                            key: string;
                            id: string;
                            type: string;
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Names of the jobs it waits for. */
                            dependsOn: string[];
                            percent: number | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    streamFlowEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    abortFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example flw_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        status: "running" | "succeeded" | "failed" | "aborted";
                        abortRequested: boolean;
                        progress: {
                            total: number;
                            /** @description Jobs waiting, queued or running. */
                            unfinished: number;
                            succeeded: number;
                            /** @description Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0. */
                            percent: number;
                        };
                        /** @description Every job of the flow (on a single flow, not in lists). */
                        jobs?: {
                            key: string;
                            id: string;
                            type: string;
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Names of the jobs it waits for. */
                            dependsOn: string[];
                            percent: number | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    retryFlow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example flw_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string | null;
                        name: string;
                        status: "running" | "succeeded" | "failed" | "aborted";
                        abortRequested: boolean;
                        progress: {
                            total: number;
                            /** @description Jobs waiting, queued or running. */
                            unfinished: number;
                            succeeded: number;
                            /** @description Over its jobs: an ended job counts 100, a running one its own percent (0 without a total), others 0. */
                            percent: number;
                        };
                        /** @description Every job of the flow (on a single flow, not in lists). */
                        jobs?: {
                            key: string;
                            id: string;
                            type: string;
                            status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                            /** @description Names of the jobs it waits for. */
                            dependsOn: string[];
                            percent: number | null;
                            startedAt: string | null;
                            finishedAt: string | null;
                        }[];
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listDatasets: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                projectId?: string;
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example ds_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            workspaceId?: string;
                            projectId?: string;
                            name?: string;
                            description?: string | null;
                            columns?: {
                                /** @description Stable column id (`c1`, `c2`, …): never reused, kept across renames. */
                                id: string;
                                name: string;
                                /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                                type: "text" | "numeric" | "date" | "boolean" | "json";
                            }[];
                            keyColumn?: string | null;
                            /** @description Rows of active batches. */
                            rowCount?: number;
                            /** @description Batches in any state but deleting. */
                            batchCount?: number;
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createDataset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    projectId: string;
                    /** @description Unique within the project. */
                    name: string;
                    description?: string | null;
                    columns: {
                        /** @description Unique in the dataset (ignoring case); may not start with `_` (row fields `_id`, `_batchId`) nor have the shape of a column id (`c1`, `C12`). */
                        name: string;
                        /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                        type: "text" | "numeric" | "date" | "boolean" | "json";
                    }[];
                    keyColumn?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ds_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string;
                        name: string;
                        description: string | null;
                        columns: {
                            /** @description Stable column id (`c1`, `c2`, …): never reused, kept across renames. */
                            id: string;
                            name: string;
                            /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                            type: "text" | "numeric" | "date" | "boolean" | "json";
                        }[];
                        keyColumn: string | null;
                        /** @description Rows of active batches. */
                        rowCount: number;
                        /** @description Batches in any state but deleting. */
                        batchCount: number;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getDataset: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ds_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId?: number;
                        workspaceId?: string;
                        projectId?: string;
                        name?: string;
                        description?: string | null;
                        columns?: {
                            /** @description Stable column id (`c1`, `c2`, …): never reused, kept across renames. */
                            id: string;
                            name: string;
                            /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                            type: "text" | "numeric" | "date" | "boolean" | "json";
                        }[];
                        keyColumn?: string | null;
                        /** @description Rows of active batches. */
                        rowCount?: number;
                        /** @description Batches in any state but deleting. */
                        batchCount?: number;
                        createdBy?: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteDataset: {
        parameters: {
            query?: {
                /** @description Delete the dataset with all its batches and rows. */
                force?: boolean;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Unique within the project. */
                    name?: string;
                    description?: string | null;
                    addColumns?: {
                        /** @description Unique in the dataset (ignoring case); may not start with `_` (row fields `_id`, `_batchId`) nor have the shape of a column id (`c1`, `C12`). */
                        name: string;
                        /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                        type: "text" | "numeric" | "date" | "boolean" | "json";
                    }[];
                    renameColumns?: {
                        id: string;
                        /** @description Unique in the dataset (ignoring case); may not start with `_` (row fields `_id`, `_batchId`) nor have the shape of a column id (`c1`, `C12`). */
                        name: string;
                    }[];
                    keyColumn?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ds_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string;
                        name: string;
                        description: string | null;
                        columns: {
                            /** @description Stable column id (`c1`, `c2`, …): never reused, kept across renames. */
                            id: string;
                            name: string;
                            /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                            type: "text" | "numeric" | "date" | "boolean" | "json";
                        }[];
                        keyColumn: string | null;
                        /** @description Rows of active batches. */
                        rowCount: number;
                        /** @description Batches in any state but deleting. */
                        batchCount: number;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRows: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description `column[:asc|desc]` (name or id); default: row id. */
                sort?: string;
                /** @description Comma-separated column names to return. */
                columns?: string;
                /** @description Repeatable `column:operator:value`, operators eq, ne, gt, gte, lt, lte, like, in (value a JSON array), e.g. `price:gte:10`. */
                filter?: string | string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            _id: number;
                            _batchId: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    searchDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @default and */
                    conjunction?: "and" | "or";
                    filters: {
                        /** @description Column name or id. */
                        key: string;
                        /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                        operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                        value: unknown;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createDatasetFromSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description A succeeded search job. */
                    searchJobId: string;
                    /** @description Unique within the project. */
                    name: string;
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listBatches: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                /** @description Comma-separated batch ids. */
                ids?: string;
                /** @description Comma-separated states. */
                states?: string;
                minRowCount?: number;
                maxRowCount?: number;
                /** @example 2026-11-23T14:27:39.123Z */
                createdAfter?: string;
                /** @example 2026-11-23T14:27:39.123Z */
                createdBefore?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example bat_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                            numericId?: number;
                            workspaceId?: string;
                            projectId?: string;
                            datasetId?: string;
                            name?: string;
                            /** @description pending (its creating job runs) → active | draft; active ⇄ suspended; draft → active (commit) or gone (close); any → deleting → gone. */
                            state?: "pending" | "active" | "suspended" | "draft" | "deleting";
                            /** @description Where the rows came from: kind plus its details. */
                            source?: {
                                kind: "api" | "upload" | "dataset" | "merge" | "search";
                            } & {
                                [key: string]: unknown;
                            };
                            rowCount?: number;
                            /** @description Rows refused by the type check (see the job’s errors.jsonl). */
                            errorCount?: number;
                            columnCount?: number;
                            strategy?: string | null;
                            draftNumber?: number | null;
                            jobId?: string | null;
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description Rows as objects keyed by column name (or id). For more, upload JSONL or CSV. */
                    rows: unknown[];
                    /**
                     * @description fail: any bad row fails the whole batch (nothing is kept); skip: bad rows are left out and reported.
                     * @default fail
                     */
                    onRowError?: "fail" | "skip";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    removeBatches: {
        parameters: {
            query: {
                /** @description Comma-separated batch ids. */
                ids: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    appendBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    sourceDatasetId: string;
                    /** @default name */
                    mapBy?: "id" | "name";
                    mapping: {
                        /** @description Source column (id or name, per mapBy). */
                        source: string;
                        /** @description Target column (id or name, per mapBy). */
                        target: string;
                        /** @description text, numeric (a double), date (ISO 8601 date or date-time), boolean, or json (any JSON value). */
                        expectedType: "text" | "numeric" | "date" | "boolean" | "json";
                    }[];
                    /** @description Source columns left out on purpose. */
                    ignore?: string[];
                    name?: string;
                    /** @default false */
                    validateOnly?: boolean;
                    /** @default false */
                    deleteSource?: boolean;
                    newDataset?: {
                        name: string;
                    };
                    /**
                     * @description fail: any bad row fails the whole batch (nothing is kept); skip: bad rows are left out and reported.
                     * @default fail
                     */
                    onRowError?: "fail" | "skip";
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getBatch: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example bat_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId?: number;
                        workspaceId?: string;
                        projectId?: string;
                        datasetId?: string;
                        name?: string;
                        /** @description pending (its creating job runs) → active | draft; active ⇄ suspended; draft → active (commit) or gone (close); any → deleting → gone. */
                        state?: "pending" | "active" | "suspended" | "draft" | "deleting";
                        /** @description Where the rows came from: kind plus its details. */
                        source?: {
                            kind: "api" | "upload" | "dataset" | "merge" | "search";
                        } & {
                            [key: string]: unknown;
                        };
                        rowCount?: number;
                        /** @description Rows refused by the type check (see the job’s errors.jsonl). */
                        errorCount?: number;
                        columnCount?: number;
                        strategy?: string | null;
                        draftNumber?: number | null;
                        jobId?: string | null;
                        createdBy?: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    suspendBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    restoreBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    mergeBatches: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    source: {
                        datasetId: string;
                        /** @description Only these batches of the source (default: all its active batches). */
                        batchIds?: string[];
                    };
                    /** @description Key conflicts with the target’s active rows: abort fails, override replaces the target’s rows on commit, skip leaves the draft’s conflicting rows out. */
                    strategy: "abort" | "override" | "skip";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    commitDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    closeDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listTaskAnnotations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example ann_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id: string;
                            taskId: string;
                            /** @description The member who made it. */
                            memberId: string;
                            data: {
                                [key: string]: unknown;
                            };
                            /** @description Whether the task's data is this annotation's. */
                            chosen: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    chooseTaskAnnotation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                annotationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createTasks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tasks: {
                        name: string;
                        resources?: string[];
                        data?: {
                            [key: string]: unknown;
                        };
                        properties?: {
                            score?: number | null;
                            custom?: {
                                [key: string]: unknown;
                            };
                        };
                        /** @description Higher first in claim queues (then older first); default 0. */
                        priority?: number;
                        /** @description A model's pre-label. Its `data` seeds the task's data when a member claims the task while its data is still empty (docs/tasks.md, "Pre-labels"). */
                        prediction?: {
                            modelVersion?: string | null;
                            score?: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        /** @description The known answer: makes the task a gold task. Its `data` is checked against the project's task schema like a task's (unless dataCheck is false). */
                        gold?: {
                            data: {
                                [key: string]: unknown;
                            };
                        };
                    }[];
                    /**
                     * @description A name the batch already has: an error for that task, or skipped.
                     * @default error
                     */
                    onExisting?: "error" | "skip";
                    /**
                     * @description false: do not check names against the batch (duplicates inside the request are still errors).
                     * @default true
                     */
                    uniqueCheck?: boolean;
                    /**
                     * @description false: skip the check of `data` against the project's task schema.
                     * @default true
                     */
                    dataCheck?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: number;
                        skipped: number;
                        failed: number;
                        results: {
                            index: number;
                            name: string;
                            status: "created" | "skipped" | "failed";
                            id?: string;
                            error?: {
                                code: string;
                                message: string;
                                pointer?: string;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    findDuplicateTaskNames: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    names: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The names asked that a task of the batch has, once each. */
                        duplicates: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createTasksFromRows: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The column whose value names each row's task (id or name; with namePrefix, the name is the prefix then the value). Required unless namePrefix is given. */
                    nameColumn?: string;
                    /** @description Without nameColumn: tasks are named `<namePrefix><row id>` (the row's `_id`, stable and unique in its dataset). With nameColumn: put before each value. */
                    namePrefix?: string;
                    /** @description The columns copied into each task's `data`, keyed by column name (default: every column). */
                    dataColumns?: string[];
                    /** @description A text column whose value becomes the task's resources[0] (empty or null: no resources). */
                    resourcesColumn?: string;
                    /**
                     * @description A name the batch already has: an error for that task, or skipped.
                     * @default error
                     */
                    onExisting?: "error" | "skip";
                    /**
                     * @description false: skip the check of `data` against the project's task schema.
                     * @default true
                     */
                    dataCheck?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                projectId: string;
                /** @description Comma-separated. */
                batchIds?: string;
                /** @description Comma-separated. */
                statuses?: string;
                /** @description Comma-separated. */
                ids?: string;
                /** @description Comma-separated. */
                names?: string;
                /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                nameRegex?: string;
                /** @description A member id, or `none` for tasks assigned to nobody. */
                assignee?: string;
                /** @description Only tasks waiting at this review stage. */
                reviewStage?: string;
                /** @description true: only gold tasks; false: only the others (callers who may see gold only: not annotators). */
                isGold?: boolean;
                /** @description Repeatable `field:operator:value` on `data.<path>`, `properties.score`, `properties.<path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt`, `updatedAt`; operators eq, ne, gt, gte, lt, lte, in (JSON array), like. */
                filter?: string | string[];
                /** @description Heavy fields to add: `data` (with initialData), `history`. */
                include?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string;
                            projectId?: string;
                            batchId?: string;
                            name?: string;
                            resources?: string[];
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            status?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            properties?: {
                                score: number | null;
                                custom: {
                                    [key: string]: unknown;
                                };
                            };
                            data?: {
                                [key: string]: unknown;
                            };
                            initialData?: {
                                [key: string]: unknown;
                            };
                            history?: {
                                from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                                /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                                to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                                /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                                action: string;
                                actor: string | null;
                                memberId: string | null;
                                reason: string | null;
                                details: {
                                    [key: string]: unknown;
                                } | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                at: string;
                            }[];
                            priority?: number;
                            assigneeId?: string | null;
                            lease?: {
                                memberId: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                expiresAt: string;
                            } | null;
                            prediction?: {
                                modelVersion: string | null;
                                score: number | null;
                                data?: {
                                    [key: string]: unknown;
                                };
                            } | null;
                            reviewStage?: string | null;
                            lastRejection?: {
                                reason: string;
                                stage: string | null;
                                memberId: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-11-23T14:27:39.123Z
                                 */
                                at: string;
                            } | null;
                            agreement?: {
                                score: number | null;
                                /** @description Annotations made so far. */
                                annotations: number;
                                chosenAnnotationId: string | null;
                                chosenBy: ("majority" | "reviewer") | null;
                            } | null;
                            /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                            gold?: {
                                data?: {
                                    [key: string]: unknown;
                                };
                            };
                            createdBy?: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    claimTask: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    projectId: string;
                    /** @description Only this batch of the project. */
                    batchId?: string;
                    /**
                     * @description How long the claim holds without a heartbeat (1–3600 s, default 300).
                     * @default 300
                     */
                    leaseSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    heartbeatTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description How long the claim holds without a heartbeat (1–3600 s, default 300).
                     * @default 300
                     */
                    leaseSeconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    submitTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The work done: the task's new data (kept as is when absent). */
                    data?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description false: skip the check against the project's task schema.
                     * @default true
                     */
                    dataCheck?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    skipTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Why the member skips the task (recorded). */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    giveTaskVerdict: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    verdict: "accept" | "reject";
                    /** @description Why (required to reject): the annotator sees it on the task. */
                    reason?: string;
                    /** @description The stage the verdict is for: refused (409) when the task is at another. */
                    stage?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    giveTaskVerdicts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The tasks (each named once), answered one by one (200). Either ids or filter. */
                    ids?: string[];
                    /** @description The tasks a filter selects (statuses default to to_review): a tasks.bulk job (202) with a result per refused task. */
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    verdict: "accept" | "reject";
                    /** @description Why (required to reject): the annotator sees it on the task. */
                    reason?: string;
                    /** @description The stage the verdict is for: refused (409) when the task is at another. */
                    stage?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getTask: {
        parameters: {
            query?: {
                /** @description Heavy fields to add: `data` (with initialData), `history`. */
                include?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data?: {
                        [key: string]: unknown;
                    };
                    resources?: string[];
                    /** @description Higher first in claim queues (then older first); default 0. */
                    priority?: number;
                    prediction?: {
                        modelVersion?: string | null;
                        score?: number | null;
                        data?: {
                            [key: string]: unknown;
                        };
                    } | null;
                    /**
                     * @description false: skip the task schema check.
                     * @default true
                     */
                    dataCheck?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    setTaskGold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The known answer (null: the task is no longer gold; its answers stay in the report). */
                    data: {
                        [key: string]: unknown;
                    } | null;
                    /**
                     * @description false: skip the check against the project's task schema.
                     * @default true
                     */
                    dataCheck?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example tsk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        batchId: string;
                        name: string;
                        resources: string[];
                        /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                        status: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                        properties: {
                            score: number | null;
                            custom: {
                                [key: string]: unknown;
                            };
                        };
                        data?: {
                            [key: string]: unknown;
                        };
                        initialData?: {
                            [key: string]: unknown;
                        };
                        history?: {
                            from: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed") | null;
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description transition, review, redo, redo_reset, update (data, resources, priority or prediction), assign, unassign, claim, submit, skip, lease_expired, release (its member removed), verdict, consensus (the last annotation landed) or choose (a reviewer chose the result). */
                            action: string;
                            actor: string | null;
                            memberId: string | null;
                            reason: string | null;
                            details: {
                                [key: string]: unknown;
                            } | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        }[];
                        priority: number;
                        assigneeId: string | null;
                        lease: {
                            memberId: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            expiresAt: string;
                        } | null;
                        prediction: {
                            modelVersion: string | null;
                            score: number | null;
                            data?: {
                                [key: string]: unknown;
                            };
                        } | null;
                        reviewStage: string | null;
                        lastRejection: {
                            reason: string;
                            stage: string | null;
                            memberId: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            at: string;
                        } | null;
                        agreement: {
                            score: number | null;
                            /** @description Annotations made so far. */
                            annotations: number;
                            chosenAnnotationId: string | null;
                            chosenBy: ("majority" | "reviewer") | null;
                        } | null;
                        /** @description Gold tasks only, and only for callers who may see gold (not annotators, not worker keys): the known answer, its `data` with include=data. Members answer gold tasks from their claim queue like any other; the quality report scores them (docs/tasks.md, "Gold tasks"). */
                        gold?: {
                            data?: {
                                [key: string]: unknown;
                            };
                        };
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    exportTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    filter: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    /** @description json, jsonl or csv: the tasks themselves. coco, yolo, voc or masks: the images and labels in task data (see the Labels section of the task docs). */
                    format: "json" | "jsonl" | "csv" | "coco" | "yolo" | "voc" | "masks";
                    /** @description Label formats only: the classes to export, in id order (COCO category i+1, YOLO class i, mask value i+1). Default: every class the selected labels use, sorted. Labels of other classes are left out and reported. */
                    classes?: string[];
                    /** @description Label formats only: keypoint names and skeleton by class name (COCO categories' keypoints and skeleton); a label of such a class with another number of keypoints is left out and reported. */
                    keypoints?: {
                        [key: string]: {
                            /** @description The class's keypoints in order: a label of the class has this many. */
                            names: string[];
                            /** @description Edges between keypoints, each two 1-based keypoint numbers (COCO). */
                            skeleton?: number[][];
                        };
                    };
                    /** @description json, jsonl and csv only. Default: every field but initialData, reviewStage, priority, assigneeId, prediction and agreement (asked for by name). In CSV, data and properties become one column per top-level key; prediction becomes prediction.modelVersion, prediction.score and prediction.data. */
                    fields?: ("id" | "name" | "batchId" | "status" | "resources" | "data" | "initialData" | "properties" | "createdBy" | "reviewStage" | "priority" | "assigneeId" | "prediction" | "agreement" | "createdAt" | "updatedAt")[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    reviewTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    redoTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    reason?: string;
                    /**
                     * @description Reset data to the initial data.
                     * @default false
                     */
                    reset?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    transitionTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    reason?: string;
                    /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                    to: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    assignTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    /** @description A member of the tasks' workspace, not removed. */
                    memberId: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    unassignTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateTaskProperties: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    ids?: string[];
                    filter?: {
                        projectId: string;
                        batchIds?: string[];
                        statuses?: ("pending" | "in_progress" | "complete" | "to_review" | "reviewed")[];
                        ids?: string[];
                        names?: string[];
                        /** @description Tasks whose name contains a match of this RE2 pattern, in the subset both stores read alike (no backreferences or lookaround; docs/tasks.md, "Name patterns"). */
                        nameRegex?: string;
                        /** @description A member id, or `none` for tasks assigned to nobody. */
                        assignee?: string;
                        /** @description Only tasks waiting at this review stage. */
                        reviewStage?: string;
                        where?: {
                            /** @description `data.<path>`, `properties.score`, `properties.<custom path>`, `prediction.score`, `agreement.score`, `priority`, `createdAt` or `updatedAt`. */
                            field: string;
                            /** @description =, !=, >, >=, <, <= (or eq, ne, gt, gte, lt, lte), in (an array), like (case-insensitive, % and _ wildcards). */
                            operator: "=" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "like" | "eq" | "ne" | "gt" | "gte" | "lt" | "lte";
                            value: unknown;
                        }[];
                    };
                    score?: number | null;
                    /** @description replace: the whole object; set: keys to set; remove: keys to drop. */
                    custom?: {
                        set?: {
                            [key: string]: unknown;
                        };
                        replace?: {
                            [key: string]: unknown;
                        };
                        remove?: string[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                        refused: number;
                        results: {
                            id: string;
                            status: "applied" | "refused";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            from?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            /** @description pending → in_progress → complete → to_review → reviewed; redo sends complete, to_review or reviewed back to pending. */
                            to?: "pending" | "in_progress" | "complete" | "to_review" | "reviewed";
                            error?: {
                                code: string;
                                message: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getSheet: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The lastKey of the previous page. */
                startKey?: string;
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        taskId: string;
                        columns: {
                            id: string;
                            name: string;
                            lots: {
                                id: string;
                                name: string;
                            }[];
                        }[];
                        rows: {
                            id: string;
                            name: string;
                            /** @description Its position; pass the last one as startKey to read on. */
                            key: string;
                            /** @description By column id; columns without values are left out. */
                            values: {
                                [key: string]: {
                                    value: number | null;
                                    /** @description The value per lot. */
                                    lots: {
                                        [key: string]: number;
                                    };
                                };
                            };
                        }[];
                        /** @description Rows in the sheet. */
                        size: number;
                        lastKey: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    columns: {
                        id?: string;
                        name: string;
                        lots?: {
                            id?: string;
                            name: string;
                        }[];
                    }[];
                    rows?: {
                        id?: string;
                        name: string;
                        /** @description By column id: a number, or {value, lots: {lotId: number}}. */
                        values?: {
                            [key: string]: number | {
                                value?: number;
                                lots?: {
                                    [key: string]: number;
                                };
                            };
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        taskId: string;
                        columns: {
                            id: string;
                            name: string;
                            lots: {
                                id: string;
                                name: string;
                            }[];
                        }[];
                        rows: {
                            id: string;
                            name: string;
                            /** @description Its position; pass the last one as startKey to read on. */
                            key: string;
                            /** @description By column id; columns without values are left out. */
                            values: {
                                [key: string]: {
                                    value: number | null;
                                    /** @description The value per lot. */
                                    lots: {
                                        [key: string]: number;
                                    };
                                };
                            };
                        }[];
                        /** @description Rows in the sheet. */
                        size: number;
                        lastKey: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateSheet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    addColumns?: {
                        id?: string;
                        name: string;
                        lots?: {
                            id?: string;
                            name: string;
                        }[];
                    }[];
                    addLots?: {
                        columnId: string;
                        lots: {
                            id?: string;
                            name: string;
                        }[];
                    }[];
                    addRows?: {
                        id?: string;
                        name: string;
                        /** @description By column id: a number, or {value, lots: {lotId: number}}. */
                        values?: {
                            [key: string]: number | {
                                value?: number;
                                lots?: {
                                    [key: string]: number;
                                };
                            };
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        taskId: string;
                        columns: {
                            id: string;
                            name: string;
                            lots: {
                                id: string;
                                name: string;
                            }[];
                        }[];
                        rows: {
                            id: string;
                            name: string;
                            /** @description Its position; pass the last one as startKey to read on. */
                            key: string;
                            /** @description By column id; columns without values are left out. */
                            values: {
                                [key: string]: {
                                    value: number | null;
                                    /** @description The value per lot. */
                                    lots: {
                                        [key: string]: number;
                                    };
                                };
                            };
                        }[];
                        /** @description Rows in the sheet. */
                        size: number;
                        lastKey: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    patchSheetValues: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    patches: {
                        rowId: string;
                        colId: string;
                        lotId?: string;
                        operation: "add" | "update" | "delete";
                        newValue?: number;
                        /** @description When given, the current value must equal it. */
                        oldValue?: number;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        applied: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                projectId?: string;
                workspaceId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example whk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string;
                            projectId?: string;
                            url?: string;
                            events?: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                            description?: string | null;
                            enabled?: boolean;
                            maxAttempts?: number;
                            backoffMs?: number;
                            /** @description The last four characters of the signing secret. */
                            secretHint?: string;
                            /** @description The signing secret: answered on create and on rotation only. */
                            secret?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    projectId: string;
                    /** Format: uri */
                    url: string;
                    events: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                    description?: string | null;
                    /** @default true */
                    enabled?: boolean;
                    /** @description whsec_ followed by base64 of at least 12 bytes; generated when left out. */
                    secret?: string;
                    /** @default 8 */
                    maxAttempts?: number;
                    /**
                     * @description First retry delay; doubles each time.
                     * @default 5000
                     */
                    backoffMs?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        url: string;
                        events: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                        description: string | null;
                        enabled: boolean;
                        maxAttempts: number;
                        backoffMs: number;
                        /** @description The last four characters of the signing secret. */
                        secretHint: string;
                        /** @description The signing secret: answered on create and on rotation only. */
                        secret?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: {
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id?: string;
                        workspaceId?: string;
                        projectId?: string;
                        url?: string;
                        events?: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                        description?: string | null;
                        enabled?: boolean;
                        maxAttempts?: number;
                        backoffMs?: number;
                        /** @description The last four characters of the signing secret. */
                        secretHint?: string;
                        /** @description The signing secret: answered on create and on rotation only. */
                        secret?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url?: string;
                    events?: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                    description?: string | null;
                    enabled?: boolean;
                    maxAttempts?: number;
                    backoffMs?: number;
                    /** @description Make a new signing secret (answered once). */
                    rotateSecret?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whk_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        workspaceId: string;
                        projectId: string;
                        url: string;
                        events: ("task.created" | "task.status_changed" | "batch.state_changed" | "job.finished")[];
                        description: string | null;
                        enabled: boolean;
                        maxAttempts: number;
                        backoffMs: number;
                        /** @description The last four characters of the signing secret. */
                        secretHint: string;
                        /** @description The signing secret: answered on create and on rotation only. */
                        secret?: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                status?: "pending" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description Also the webhook-id header of the delivery. */
                            id?: string;
                            webhookId?: string;
                            event?: string;
                            status?: "pending" | "succeeded" | "failed";
                            attempts?: number;
                            lastStatusCode?: number | null;
                            lastError?: string | null;
                            durationMs?: number | null;
                            jobId?: string | null;
                            payload?: unknown;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            updatedAt?: string;
                            deliveredAt?: string | null;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    pingWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Also the webhook-id header of the delivery. */
                        id: string;
                        webhookId: string;
                        event: string;
                        status: "pending" | "succeeded" | "failed";
                        attempts: number;
                        lastStatusCode: number | null;
                        lastError: string | null;
                        durationMs: number | null;
                        jobId: string | null;
                        payload: unknown;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        deliveredAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                /** @description Page size (1–1000). */
                limit?: number;
                /** @description `nextCursor` of the previous page. */
                cursor?: string;
                /** @description Comma-separated `field[:asc|desc]`, e.g. `createdAt:desc,name`. Ties break by id. */
                sort?: string;
                /** @description Comma-separated fields to return; `id` is always returned. */
                fields?: string;
                workspaceId?: string;
                /** @description Changes by this key or client. */
                actorId?: string;
                /** @description Comma-separated actions, e.g. `project.create,project.delete`. */
                action?: string;
                /** @description Comma-separated resource types, e.g. `task,batch`. */
                resourceType?: string;
                resourceId?: string;
                requestId?: string;
                /** @description At or after this time. */
                createdAfter?: string;
                /** @description Strictly before this time. */
                createdBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example aud_01jd4n8k6m3v4b2c1x0z9y8w7t */
                            id?: string;
                            workspaceId?: string | null;
                            actor?: {
                                kind: "key" | "client";
                                /** @description The API key or client that made the change. */
                                id: string;
                                /** @description The credential's name when it made the change. */
                                name: string;
                                memberId: string | null;
                            };
                            /**
                             * @example project.create
                             * @example task.review
                             * @example job.abort
                             */
                            action?: string;
                            /** @example project */
                            resourceType?: string;
                            resourceId?: string;
                            requestId?: string | null;
                            /** @description What changed (the fields sent, counts for bulk changes); never a secret. */
                            summary?: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt?: string;
                        }[];
                        nextCursor: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    uploadBatch: {
        parameters: {
            query?: {
                name?: string;
                /** @description fail: any bad row fails the whole batch (nothing is kept); skip: bad rows are left out and reported. */
                onRowError?: "fail" | "skip";
                /** @description Defaults from Content-Type: application/json, application/x-ndjson, text/csv. */
                format?: "json" | "jsonl" | "csv";
                /** @description Rows expected, for the progress total. */
                total?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    importTasks: {
        parameters: {
            query?: {
                /** @description A name the batch already has: an error for that task, or skipped. */
                onExisting?: "error" | "skip";
                /** @description false: do not check names against the batch (duplicates inside the request are still errors). */
                uniqueCheck?: boolean;
                /** @description false: skip the check of `data` against the project's task schema. */
                dataCheck?: boolean;
                /** @description Defaults from Content-Type: application/json (an array) or application/x-ndjson. */
                format?: "json" | "jsonl";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example job_01jd4n8k6m3v4b2c1x0z9y8w7t */
                        id: string;
                        /** @description Persistent integer id, unique among its kind in the instance (for clients that need integer ids, e.g. the Mammoth compat adapter). */
                        numericId: number;
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "waiting" | "queued" | "running" | "succeeded" | "failed" | "aborted" | "skipped" | "expired";
                        /** @description Higher runs first. */
                        priority: number;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        runAt: string;
                        /** @description Attempts started so far. */
                        attempt: number;
                        maxAttempts: number;
                        timeoutMs: number | null;
                        progress: {
                            done: number;
                            total: number | null;
                            unit: string | null;
                            message: string | null;
                            percent: number | null;
                        } | null;
                        counters: {
                            [key: string]: number;
                        };
                        warnings: string[];
                        /** @description What the handler returned (succeeded jobs). */
                        result: unknown;
                        error: {
                            code: string;
                            message: string;
                            details?: unknown;
                        } | null;
                        artifacts: {
                            name: string;
                            contentType: string;
                            size: number;
                            /** @description Download path, relative to the server. */
                            url: string;
                            /**
                             * Format: date-time
                             * @example 2026-11-23T14:27:39.123Z
                             */
                            createdAt: string;
                        }[];
                        abortRequested: boolean;
                        /** @description Jobs it depends on (`GET /v1/jobs/{id}/dependencies` lists them). */
                        dependencyCount: number;
                        /** @description Of those, how many have not ended yet; it waits (status `waiting`) until none. */
                        pendingDependencies: number;
                        /** @description When a dependency ends without succeeding: `fail` (the default) ends this job `failed` with code `dependency_failed`, `skip` ends it `skipped`, `run` runs it anyway once every dependency has ended. */
                        onDependencyFailure: "fail" | "skip" | "run";
                        startBefore: string | null;
                        concurrencyKey: string | null;
                        flowId: string | null;
                        flowKey: string | null;
                        /** @description Queued, and its type is paused (in its workspace or instance-wide): it is not claimed until the type is resumed. */
                        paused: boolean;
                        definitionId: string | null;
                        uniqueKey: string | null;
                        createdBy: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        createdAt: string;
                        /**
                         * Format: date-time
                         * @example 2026-11-23T14:27:39.123Z
                         */
                        updatedAt: string;
                        startedAt: string | null;
                        finishedAt: string | null;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json). */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        type: string;
                        title: string;
                        status: number;
                        detail: string;
                        /** @description Stable error code; see docs/errors.md. */
                        code: string;
                        errors?: {
                            in: "body" | "query" | "path" | "header";
                            /** @description JSON pointer of the bad value inside its part of the request. */
                            pointer: string;
                            message: string;
                        }[];
                        requestId?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
}

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
        /** Rename a workspace */
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
                            name?: string;
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
                        name: string;
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
                        name?: string;
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
                        name: string;
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
                            workspaceId?: string;
                            name?: string;
                            description?: string | null;
                            taskSchema?: {
                                [key: string]: unknown;
                            } | null;
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
                        workspaceId: string;
                        name: string;
                        description: string | null;
                        taskSchema: {
                            [key: string]: unknown;
                        } | null;
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
                        workspaceId?: string;
                        name?: string;
                        description?: string | null;
                        taskSchema?: {
                            [key: string]: unknown;
                        } | null;
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
                        workspaceId: string;
                        name: string;
                        description: string | null;
                        taskSchema: {
                            [key: string]: unknown;
                        } | null;
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
                    /** @description admin: everything in the workspace; editor: read and write data; viewer: read; worker: worker endpoints. */
                    role: "admin" | "editor" | "viewer" | "worker";
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
                            workspaceId?: string;
                            projectId?: string | null;
                            type?: string;
                            title?: string | null;
                            description?: string | null;
                            arguments?: {
                                [key: string]: unknown;
                            };
                            status?: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                            workspaceId: string;
                            projectId: string | null;
                            type: string;
                            title: string | null;
                            description: string | null;
                            arguments: {
                                [key: string]: unknown;
                            };
                            status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId?: string;
                        projectId?: string | null;
                        type?: string;
                        title?: string | null;
                        description?: string | null;
                        arguments?: {
                            [key: string]: unknown;
                        };
                        status?: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                            description: string | null;
                            argumentsSchema: {
                                [key: string]: unknown;
                            } | null;
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
                        description: string | null;
                        argumentsSchema: {
                            [key: string]: unknown;
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
                            workspaceId: string;
                            projectId: string | null;
                            type: string;
                            title: string | null;
                            description: string | null;
                            arguments: {
                                [key: string]: unknown;
                            };
                            status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                        workspaceId: string;
                        projectId: string | null;
                        type: string;
                        title: string | null;
                        description: string | null;
                        arguments: {
                            [key: string]: unknown;
                        };
                        status: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
                            workspaceId?: string;
                            projectId?: string | null;
                            type?: string;
                            title?: string | null;
                            description?: string | null;
                            arguments?: {
                                [key: string]: unknown;
                            };
                            status?: "queued" | "running" | "succeeded" | "failed" | "aborted";
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
}

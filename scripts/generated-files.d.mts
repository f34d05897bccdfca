export const SDK_TYPES_PATH: string;
export const ERRORS_DOC_PATH: string;
export function openApiDocument(): Promise<{ openapi: string; paths: Record<string, unknown> }>;
export function renderSdkTypes(): Promise<string>;
export function renderErrorTable(): string;
export function renderErrorsDoc(): string;

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ERRORS_DOC_PATH, SDK_TYPES_PATH, renderErrorsDoc, renderSdkTypes } from './generated-files.mjs';

mkdirSync(dirname(SDK_TYPES_PATH), { recursive: true });
writeFileSync(SDK_TYPES_PATH, await renderSdkTypes());
writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
console.log(`wrote ${SDK_TYPES_PATH}\nwrote ${ERRORS_DOC_PATH}`);

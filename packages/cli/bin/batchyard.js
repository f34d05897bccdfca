#!/usr/bin/env node
// The `batchyard` command as npm links it (also `npx batchyard` from a clone): it runs the built CLI,
// and says how to build it when a fresh clone has not been built yet.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  console.error('batchyard: the CLI is not built yet; run `npm run build` in the repository first.');
  process.exit(1);
}
await import(built.href);

import { BatchyardError } from '../core/errors.js';

/** The node:fs and node:path calls a save needs (loaded on demand: the SDK runs in browsers too). */
interface NodeFs {
  promises: {
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    open(
      path: string,
      flags: string,
    ): Promise<{
      write(data: Uint8Array): Promise<unknown>;
      close(): Promise<void>;
    }>;
    rename(from: string, to: string): Promise<void>;
    rm(path: string, options: { force: true }): Promise<void>;
  };
}
interface NodePath {
  join(...parts: string[]): string;
}
// Not literals: bundlers for browsers leave them alone, and the SDK's bundles import nothing.
const NODE_FS = 'node:fs';
const NODE_PATH = 'node:path';

/** Streams a download into a file (through `<file>.part`, renamed at the end); resolves to its path. */
export async function saveResponse(response: Response, folder: string, fileName: string): Promise<string> {
  let fs: NodeFs;
  let nodePath: NodePath;
  try {
    fs = (await import(NODE_FS)) as NodeFs;
    nodePath = (await import(NODE_PATH)) as NodePath;
  } catch (error) {
    throw new BatchyardError('Saving an export needs node:fs (Node.js); pass `inMemory: true` instead.', {
      cause: error,
    });
  }
  await fs.promises.mkdir(folder, { recursive: true });
  const target = nodePath.join(folder, fileName);
  const partial = `${target}.part`;
  const file = await fs.promises.open(partial, 'w');
  let ok = false;
  try {
    const body = response.body;
    if (body) {
      const reader = body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await file.write(value);
        }
      } catch (error) {
        await reader.cancel().catch(() => undefined);
        throw error;
      }
    }
    ok = true;
  } finally {
    await file.close();
    if (!ok) await fs.promises.rm(partial, { force: true });
  }
  try {
    await fs.promises.rename(partial, target);
  } catch (error) {
    // e.g. the target is a folder (EISDIR): no `.part` file is left behind.
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return target;
}

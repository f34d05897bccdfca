import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Context } from './context.js';
import { UsageError } from './errors.js';

/** What `login` learnt about the credential (from `me()`), shown by `profiles list` without a request. */
export interface SavedCredential {
  id: string;
  kind: 'key' | 'client';
  name: string;
  role: string;
  workspaceId: string | null;
}

/** A named server + credential. Either `token`, or `clientId` and `clientSecret`. */
export interface Profile {
  url: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  credential?: SavedCredential;
  savedAt?: string;
}

export interface ProfilesFile {
  version: 1;
  default: string | null;
  profiles: Record<string, Profile>;
}

export const PROFILES_FILE = 'profiles.json';
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `$BATCHYARD_CONFIG_DIR`, else `$XDG_CONFIG_HOME/batchyard`, else `~/.config/batchyard`. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.BATCHYARD_CONFIG_DIR) return resolve(env.BATCHYARD_CONFIG_DIR);
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME)) return join(env.XDG_CONFIG_HOME, 'batchyard');
  return join(homedir(), '.config', 'batchyard');
}

export function profilesPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), PROFILES_FILE);
}

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(
      `invalid profile name "${name}": use letters, digits, ".", "_" and "-" (up to 64, starting with a letter or digit)`,
    );
  }
  return name;
}

function emptyFile(): ProfilesFile {
  return { version: 1, default: null, profiles: {} };
}

/** The saved profiles (none when the file does not exist yet). */
export function readProfiles(ctx: Context): ProfilesFile {
  const path = profilesPath(ctx.env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyFile();
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  warnIfExposed(ctx, path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON (${(error as Error).message}); fix or delete it`);
  }
  if (!isProfilesFile(parsed)) {
    throw new UsageError(`${path} is not a Batchyard profiles file; fix or delete it`);
  }
  return {
    version: 1,
    default: parsed.default ?? null,
    profiles: parsed.profiles,
  };
}

function isProfilesFile(value: unknown): value is ProfilesFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  if (typeof file.profiles !== 'object' || file.profiles === null) return false;
  if (file.default !== undefined && file.default !== null && typeof file.default !== 'string') return false;
  return Object.values(file.profiles).every(
    (p) => typeof p === 'object' && p !== null && typeof (p as Profile).url === 'string',
  );
}

let warned = false;
function warnIfExposed(ctx: Context, path: string): void {
  if (process.platform === 'win32' || warned) return;
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      warned = true;
      ctx.stderr.write(
        `warning: ${path} holds credentials but is readable by others (mode ${mode.toString(8)}); run: chmod 600 ${path}\n`,
      );
    }
  } catch {
    // The file was just read; a failing stat changes nothing.
  }
}

/** Saves the profiles: directory 0700, file 0600, written to a temporary file then renamed. */
export function writeProfiles(ctx: Context, file: ProfilesFile): string {
  const dir = configDir(ctx.env);
  const path = join(dir, PROFILES_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temp = join(dir, `.${PROFILES_FILE}.${process.pid}.tmp`);
  writeFileSync(temp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}

/** Where a command's server and credential come from. */
export interface Connection {
  /** The profile in use, or null (flags and environment only). */
  profile: string | null;
  url: string;
  token?: string;
  clientCredentials?: { clientId: string; clientSecret: string };
}

export interface ConnectionFlags {
  profile?: string;
  url?: string;
  token?: string;
}

/** `--profile`, else BATCHYARD_PROFILE; undefined when neither names one. */
export function requestedProfile(ctx: Context, flags: { profile?: string }): string | undefined {
  const name = flags.profile ?? (ctx.env.BATCHYARD_PROFILE || undefined);
  return name === undefined ? undefined : checkProfileName(name);
}

/**
 * The server and credential for a client command: the profile named by --profile or
 * BATCHYARD_PROFILE, else the default profile, else BATCHYARD_URL and BATCHYARD_TOKEN (or
 * BATCHYARD_CLIENT_ID and BATCHYARD_CLIENT_SECRET). --url and --token override either.
 */
export function resolveConnection(ctx: Context, flags: ConnectionFlags): Connection {
  const file = readProfiles(ctx);
  const named = requestedProfile(ctx, flags);
  let profileName: string | null = null;
  let profile: Profile | undefined;
  if (named !== undefined) {
    profile = file.profiles[named];
    if (!profile) {
      const known = Object.keys(file.profiles);
      throw new UsageError(
        `no profile named "${named}"` +
          (known.length > 0 ? ` (saved profiles: ${known.join(', ')})` : ' (no profile is saved yet)') +
          `; create it with: batchyard login --profile ${named} --url <url> --token <token>`,
      );
    }
    profileName = named;
  } else if (file.default !== null && file.profiles[file.default]) {
    profileName = file.default;
    profile = file.profiles[file.default];
  }

  const env = ctx.env;
  const url = flags.url ?? profile?.url ?? (profile ? undefined : env.BATCHYARD_URL || undefined);
  if (!url && !profile && Object.keys(file.profiles).length > 0) {
    throw new UsageError(
      `no default profile: pass --profile <name> (saved profiles: ${Object.keys(file.profiles).join(', ')}), or choose one with: batchyard profiles use <name>`,
    );
  }
  if (!url) {
    throw new UsageError(
      'not logged in: run `batchyard login --url <url> --token <token>`, or set BATCHYARD_URL and BATCHYARD_TOKEN',
    );
  }
  const connection: Connection = { profile: profileName, url };
  if (flags.token !== undefined) {
    connection.token = flags.token;
  } else if (profile) {
    if (profile.token) connection.token = profile.token;
    else if (profile.clientId && profile.clientSecret) {
      connection.clientCredentials = { clientId: profile.clientId, clientSecret: profile.clientSecret };
    }
  } else if (env.BATCHYARD_TOKEN) {
    connection.token = env.BATCHYARD_TOKEN;
  } else if (env.BATCHYARD_CLIENT_ID && env.BATCHYARD_CLIENT_SECRET) {
    connection.clientCredentials = {
      clientId: env.BATCHYARD_CLIENT_ID,
      clientSecret: env.BATCHYARD_CLIENT_SECRET,
    };
  }
  if (connection.token === undefined && connection.clientCredentials === undefined) {
    throw new UsageError(
      profileName
        ? `profile "${profileName}" has no credential; log in again with: batchyard login --profile ${profileName} …`
        : 'no credential: pass --token, log in with `batchyard login`, or set BATCHYARD_TOKEN',
    );
  }
  return connection;
}

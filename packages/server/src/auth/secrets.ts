import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets are 256 random bits, so a plain SHA-256 is enough to store them: there is nothing to
 * brute-force, and a slow hash would cost every request.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const API_KEY_PREFIX = 'byk_';
const ULID_LENGTH = 26;

/** API key tokens are `byk_<ulid of the key id>_<secret>`: the id finds the row, the secret proves it. */
export function formatApiKeyToken(keyId: string, secret: string): string {
  return `${API_KEY_PREFIX}${keyId.slice('key_'.length)}_${secret}`;
}

export function parseApiKeyToken(token: string): { keyId: string; secret: string } | null {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const ulid = token.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + ULID_LENGTH);
  const rest = token.slice(API_KEY_PREFIX.length + ULID_LENGTH);
  if (!/^[0-9a-z]{26}$/.test(ulid) || !rest.startsWith('_') || rest.length < 2) return null;
  return { keyId: `key_${ulid}`, secret: rest.slice(1) };
}

export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

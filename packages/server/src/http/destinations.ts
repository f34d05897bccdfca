import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where the server may send requests on behalf of a caller (webhook deliveries). Only global
 * unicast addresses are reachable, unless the instance's allowlist names the destination:
 * loopback, private, link-local (cloud metadata), unique-local, carrier-grade NAT, unspecified,
 * multicast, broadcast and reserved ranges are refused, in any spelling (IPv4-mapped IPv6 included).
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** One allowlist entry: an address range or a host name, on one port or on any. */
export type AllowRule =
  | { kind: 'range'; range: [Address, number]; port: number | null; entry: string }
  | { kind: 'host'; host: string; port: number | null; entry: string };

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

/** Why a destination cannot be reached: `refused` by the policy, or its name did not resolve. */
export class DestinationError extends Error {
  constructor(
    message: string,
    readonly reason: 'refused' | 'dns',
  ) {
    super(message);
    this.name = 'DestinationError';
  }
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  carrierGradeNat: 'carrier-grade NAT',
};
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function parsePort(text: string, entry: string): number | null {
  if (text === '*') return null;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`${JSON.stringify(entry)}: bad port ${text}`);
  return port;
}

function parseRange(text: string, entry: string): [Address, number] | undefined {
  try {
    if (text.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(text);
      // An IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps.
      if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        return [(address as ipaddr.IPv6).toIPv4Address(), bits - 96];
      }
      return [address, bits];
    }
    if (!ipaddr.isValid(text)) return undefined;
    const address = ipaddr.process(text);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    throw new Error(`${JSON.stringify(entry)}: not an address range`);
  }
}

/**
 * Parses one allowlist entry: an address or CIDR range (`127.0.0.1`, `10.0.0.0/8`, `fd00::/8`),
 * or a host name (`hooks.internal`), each optionally with `:port` (IPv6 in brackets:
 * `[::1]:8080`). Without a port every port is allowed. Throws an Error naming the entry.
 */
export function parseAllowEntry(raw: string): AllowRule {
  const entry = raw.trim();
  let host = entry;
  let port: number | null = null;
  const bracketed = /^\[([^\]]+)\](?::([^:]+))?$/.exec(entry);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], entry);
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    const at = entry.lastIndexOf(':');
    host = entry.slice(0, at);
    port = parsePort(entry.slice(at + 1), entry);
  }
  const range = parseRange(host, entry);
  if (range) return { kind: 'range', range, port, entry };
  const name = host.toLowerCase().replace(/\.$/, '');
  if (!HOST_NAME.test(name)) throw new Error(`${JSON.stringify(entry)}: not an address, range or host name`);
  return { kind: 'host', host: name, port, entry };
}

/** Splits a comma- or space-separated list (as in an environment variable) into entries. */
export function splitAllowList(value: string | readonly string[]): string[] {
  const items = typeof value === 'string' ? [value] : value;
  return items.flatMap((item) => item.split(/[\s,]+/)).filter((item) => item !== '');
}

/** The kind of range an address is in when the server may not reach it; null for global unicast. */
export function forbiddenRange(address: string): string | null {
  let parsed: Address;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return 'unparsable';
  }
  const range = parsed.range();
  if (range === 'unicast') {
    // Outside 2000::/3 nothing is global (e.g. the deprecated IPv4-compatible ::a.b.c.d).
    if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return 'reserved';
    return null;
  }
  return RANGE_NAMES[range] ?? `reserved (${range})`;
}

const systemLookup: LookupAll = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

/** The host of a URL as `net.connect` takes it (IPv6 without brackets), and its port. */
export function hostAndPort(url: URL): { host: string; port: number } {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { host, port };
}

export class DestinationPolicy {
  private readonly rules: AllowRule[];

  constructor(
    allow: readonly string[] = [],
    private readonly lookupAll: LookupAll = systemLookup,
  ) {
    this.rules = allow.map(parseAllowEntry);
  }

  private portMatches(rule: AllowRule, port: number): boolean {
    return rule.port === null || rule.port === port;
  }

  private hostAllowed(host: string, port: number): boolean {
    const name = host.toLowerCase().replace(/\.$/, '');
    return this.rules.some((r) => r.kind === 'host' && r.host === name && this.portMatches(r, port));
  }

  private addressAllowed(address: string, port: number): boolean {
    const parsed = ipaddr.process(address);
    return this.rules.some(
      (r) =>
        r.kind === 'range' &&
        this.portMatches(r, port) &&
        r.range[0].kind() === parsed.kind() &&
        parsed.match(r.range),
    );
  }

  /**
   * The address to connect to for `url`, checked: literal addresses as written, names through
   * DNS (every address of the name must be allowed). Connecting to exactly this address, rather
   * than resolving the name again, is what keeps DNS rebinding out. Throws a DestinationError.
   */
  async resolve(url: URL): Promise<ResolvedAddress> {
    const { host, port } = hostAndPort(url);
    const family = isIP(host);
    if (family !== 0) {
      this.check(host, port, host);
      return { address: host, family: family === 6 ? 6 : 4 };
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = await this.lookupAll(host);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EAI_FAIL';
      throw new DestinationError(`${code} ${host} (the name did not resolve)`, 'dns');
    }
    if (addresses.length === 0) throw new DestinationError(`ENOTFOUND ${host} (no address)`, 'dns');
    if (!this.hostAllowed(host, port)) {
      for (const { address } of addresses) this.check(address, port, host);
    }
    return addresses[0]!;
  }

  /** Throws when `address` (of `host`) may not be reached on `port`. */
  private check(address: string, port: number, host: string): void {
    if (this.addressAllowed(address, port) || this.hostAllowed(host, port)) return;
    const range = forbiddenRange(address);
    if (range === null) return;
    const what = host === address ? address : `${host} resolves to ${address}`;
    throw new DestinationError(`destination refused: ${what} (${range} address)`, 'refused');
  }
}

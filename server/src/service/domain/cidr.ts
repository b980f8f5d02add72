/**
 * IPv4 and IPv6 addresses and CIDR blocks, as IAM (`aws:SourceIp`) and the SageMaker workforce
 * (`SourceIpConfig.Cidrs`) read them. Addresses are kept as bigints so both families share one
 * set of range operations.
 */
import { KeptAnswers } from '../util/keptAnswers';

export interface Cidr {
  version: 4 | 6;
  /** First address of the block (host bits cleared). */
  first: bigint;
  last: bigint;
  prefix: number;
  /** Whether a prefix was written (`/24`); a bare address means one host. */
  hasPrefix: boolean;
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; message: string };

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read them as octal.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const written = left.length + right.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const all = [...left, ...Array<string>(8 - written).fill('0'), ...right];
  let hex = '0x';
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    hex += group.padStart(4, '0');
  }
  // One bigint from the 32 hex digits: a policy's blocks took 16 bigint operations each.
  let value = BigInt(hex);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/** Results by text: a policy's blocks are read by several checks and by the evaluation of every request model. Shared, so frozen. */
const parsedCidrs = new KeptAnswers<string, CidrResult>(10_000, (text) => {
  const result = parse(text);
  if (result.ok) Object.freeze(result.cidr);
  return Object.freeze(result);
});

export function parseCidr(text: string): CidrResult {
  return parsedCidrs.get(text);
}

function parse(text: string): CidrResult {
  const trimmed = text.trim();
  if (trimmed !== text || !text) return { ok: false, message: 'is empty or has spaces' };
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  const version = address.includes(':') ? 6 : 4;
  const ipv4 = version === 4 ? ipv4Number(address) : undefined;
  const value = version === 4 ? (ipv4 === undefined ? undefined : 0n) : parseIpv6(address);
  if (value === undefined) return { ok: false, message: `"${address}" is not an IPv${version} address` };
  const bits = version === 4 ? 32 : 128;
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > bits)
      return { ok: false, message: `"/${prefixText}" is not a prefix length (0 to ${bits} for IPv${version})` };
    prefix = Number(prefixText);
  }
  const hasPrefix = prefixText !== undefined;
  if (ipv4 !== undefined) {
    // In doubles, exact below 2^53: a policy's thousands of blocks each took a dozen bigint operations.
    const size = 2 ** (32 - prefix);
    const first = Math.floor(ipv4 / size) * size;
    return { ok: true, cidr: { version, first: BigInt(first), last: BigInt(first + size - 1), prefix, hasPrefix } };
  }
  const size = 1n << BigInt(bits - prefix);
  const first = (value / size) * size;
  return { ok: true, cidr: { version, first, last: first + size - 1n, prefix, hasPrefix } };
}

/** An IPv4 address as a number, by `parseIpv4`'s rules. */
function ipv4Number(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read them as octal.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Address blocks that never appear as the source of a request from the internet. */
const NON_PUBLIC: { text: string; what: string }[] = [
  { text: '10.0.0.0/8', what: 'a private range' },
  { text: '172.16.0.0/12', what: 'a private range' },
  { text: '192.168.0.0/16', what: 'a private range' },
  { text: '100.64.0.0/10', what: 'the carrier-grade NAT range' },
  { text: '127.0.0.0/8', what: 'the loopback range' },
  { text: '169.254.0.0/16', what: 'the link-local range' },
  { text: 'fc00::/7', what: 'a private (unique local) range' },
  { text: 'fe80::/10', what: 'the link-local range' },
  { text: '::1/128', what: 'the loopback address' },
];

const NON_PUBLIC_PARSED = NON_PUBLIC.map((n) => ({ ...n, cidr: (parseCidr(n.text) as { ok: true; cidr: Cidr }).cidr }));

/** When the whole block is private, loopback or link-local: what it is ("a private range"). */
export function nonPublic(cidr: Cidr): string | undefined {
  return NON_PUBLIC_PARSED.find((n) => n.cidr.version === cidr.version && contains(n.cidr, cidr))?.what;
}

/** `0.0.0.0/0` or `::/0`: every address. */
export function isEverything(cidr: Cidr): boolean {
  return cidr.prefix === 0;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether the union of `blocks` covers all of `cidr`. */
export function coveredBy(cidr: Cidr, blocks: Cidr[]): boolean {
  // Mostly one block holds it all, or none holds its first address: the union is worked out only otherwise.
  let first = false;
  for (const block of blocks) {
    if (contains(block, cidr)) return true;
    if (block.version === cidr.version && block.first <= cidr.first && cidr.first <= block.last) first = true;
  }
  if (!first) return false;
  const ranges = blocks
    .filter((b) => b.version === cidr.version)
    .map((b) => [b.first, b.last] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let next = cidr.first;
  for (const [first, last] of ranges) {
    if (first > next) break;
    if (last >= next) next = last + 1n;
    if (next > cidr.last) return true;
  }
  return next > cidr.last;
}

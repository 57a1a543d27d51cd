/** IPv4 CIDR arithmetic for validation and subnet planning. */
export interface Ipv4Block {
  readonly cidr: string;
  readonly start: number;
  readonly size: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(cidr: string): Ipv4Block | undefined {
  const m = CIDR_PATTERN.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const start = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (start % size !== 0) return undefined; // host bits set
  return { cidr, start, size };
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

export function contains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.start >= outer.start && inner.start + inner.size <= outer.start + outer.size;
}

function format(start: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${octets.join('.')}/${prefix}`;
}

/** The `index`-th subnet of `newPrefix` inside `cidr`, e.g. subnet('10.1.0.0/16', 20, 2) = '10.1.32.0/20'. */
export function subnet(cidr: string, newPrefix: number, index: number): string {
  const block = parseCidr(cidr);
  if (!block) throw new Error(`invalid CIDR ${cidr}`);
  const size = 2 ** (32 - newPrefix);
  if (size > block.size || (index + 1) * size > block.size) {
    throw new Error(`${cidr} has no room for subnet #${index} of /${newPrefix}`);
  }
  return format(block.start + index * size, newPrefix);
}

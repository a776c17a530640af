/**
 * Whether a subscription URL may receive webhooks. Workers cannot resolve DNS before a fetch, so this
 * judges the URL as written: https only, no credentials, and no literal address or well-known name
 * that points inside a network (loopback, private, shared, link-local, unique-local, multicast,
 * reserved — IPv4 and IPv6, including every IPv6 form that carries an IPv4 address: mapped,
 * translated, compatible, NAT64, 6to4 and Teredo). A public name that resolves to a private address is
 * not caught here; Cloudflare's egress does not route to private networks (docs/security.md). Checked
 * at subscription and again at each delivery. In `local` and `test` mode anything goes, so
 * developers can point subscriptions at their own machine.
 */
export type TargetVerdict =
  | { ok: true; url: URL }
  | { ok: false; reason: 'invalid-url' | 'not-https' | 'credentials' | 'internal-host' | 'private-address' };

const INTERNAL_NAMES = ['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback'];
/** Names that only resolve inside a network: mDNS, cluster DNS (Kubernetes, Consul), private zones. */
const INTERNAL_SUFFIXES = [
  '.localhost',
  '.local',
  '.localdomain',
  '.internal',
  '.intranet',
  '.home.arpa',
  '.lan',
  '.corp',
  '.svc',
  '.consul',
];

// [first address as a 32-bit number, prefix length]
const BLOCKED_V4: readonly [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // documentation
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // documentation
  [0xcb007100, 24], // documentation
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved and broadcast
];

const inV4Range = (address: number, [base, bits]: [number, number]) =>
  bits === 0 || address >>> (32 - bits) === base >>> (32 - bits);

const isBlockedV4 = (address: number) => BLOCKED_V4.some((range) => inV4Range(address, range));

// The URL parser has already normalised every IPv4 spelling (octal, hex, single number) to dotted decimal.
const parseV4 = (host: string): number | null => {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
};

/** `[::ffff:7f00:1]` → eight 16-bit groups; the URL parser has already compressed and lower-cased it. */
const parseV6 = (bracketed: string): number[] | null => {
  const host = bracketed.slice(1, -1);
  const [head = '', tail] = host.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<number>(fill).fill(0), ...right];
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
};

const isBlockedV6 = (g: number[]): boolean => {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h6 = 0, h7 = 0] = g;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroPrefix(7) && (h7 === 0 || h7 === 1)) return true; // unspecified, loopback
  const embeddedV4 = h6 * 0x10000 + h7;
  if (zeroPrefix(5) && f === 0xffff) return isBlockedV4(embeddedV4); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroPrefix(4) && e === 0xffff && f === 0) return isBlockedV4(embeddedV4); // IPv4-translated ::ffff:0:a.b.c.d
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return isBlockedV4(embeddedV4); // NAT64, well-known prefix
  if (a === 0x64 && b === 0xff9b) return true; // NAT64 local-use 64:ff9b:1::/48 and the rest of its /32
  // 6to4 and Teredo tunnel to an IPv4 address inside the address (127.0.0.1, the metadata service…);
  // their relays are deprecated, so no partner receives webhooks there: refuse the whole prefixes.
  if (a === 0x2002) return true; // 6to4, 2002::/16
  if (a === 0x2001 && b === 0) return true; // Teredo, 2001::/32
  if (a === 0x0100 && b === 0 && c === 0 && d === 0) return true; // discard-only, 100::/64
  if ((a & 0xfe00) === 0xfc00) return true; // unique local
  if ((a & 0xffc0) === 0xfe80) return true; // link-local
  if ((a & 0xffc0) === 0xfec0) return true; // site-local (deprecated, still routed inside some networks)
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  return zeroPrefix(6); // IPv4-compatible (deprecated) and other reserved ::/96
};

export function checkWebhookTarget(raw: string, mode: string): TargetVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (mode === 'local' || mode === 'test') {
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? { ok: true, url }
      : { ok: false, reason: 'not-https' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not-https' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  // `localhost.` and `localhost..` are `localhost` to a resolver: every trailing dot goes.
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  if (host === '' || host.split('.').includes('')) return { ok: false, reason: 'invalid-url' };
  if (host.startsWith('[')) {
    const groups = parseV6(host);
    return groups === null || isBlockedV6(groups)
      ? { ok: false, reason: 'private-address' }
      : { ok: true, url };
  }
  const v4 = parseV4(host);
  if (v4 !== null) return isBlockedV4(v4) ? { ok: false, reason: 'private-address' } : { ok: true, url };
  if (!host.includes('.') || INTERNAL_NAMES.includes(host) || INTERNAL_SUFFIXES.some((s) => host.endsWith(s)))
    return { ok: false, reason: 'internal-host' };
  return { ok: true, url };
}

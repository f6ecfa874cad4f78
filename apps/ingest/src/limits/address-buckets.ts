import ipaddr from 'ipaddr.js';

export type AddressAdmission = { allowed: true } | { allowed: false; retryAfterS: number };

export interface AddressBucketsOptions {
  ratePerSecond: number;
  burst: number;
  /** Addresses remembered at most; the least recently seen is forgotten first (it starts full again). */
  maxAddresses: number;
  now: () => number;
}

/**
 * Per-client-address token buckets, in process (pure: time comes from `now`). An IPv6 client is
 * limited per /64, the block one subscriber gets, so that rotating through its own addresses
 * does not multiply its allowance; an IPv4-mapped IPv6 address counts as the IPv4 one.
 */
export class AddressBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: AddressBucketsOptions) {}

  take(address: string): AddressAdmission {
    const key = addressKey(address);
    const now = this.options.now();
    const { ratePerSecond, burst } = this.options;
    const bucket = this.buckets.get(key);
    let tokens = burst;
    if (bucket !== undefined) {
      this.buckets.delete(key);
      tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    } else if (this.buckets.size >= this.options.maxAddresses) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed ? { allowed: true } : { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / ratePerSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** The bucket an address counts against: the IPv4 address, or the IPv6 /64. */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}

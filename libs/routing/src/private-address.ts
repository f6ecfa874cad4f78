import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * A webhook may only reach global unicast space: every other ipaddr.js range is refused by name —
 * IPv4 loopback, private, linkLocal, carrierGradeNat, multicast, broadcast, unspecified, reserved,
 * as112, amt; IPv6 loopback, uniqueLocal, linkLocal, deprecatedSiteLocal, multicast, unspecified,
 * reserved (documentation …), benchmarking, orchid, discard, segmentRouting, and every form that
 * embeds an IPv4 address (ipv4Mapped ::ffff:0:0/96, rfc6145, rfc6052 NAT64, 6to4 2002::/16,
 * teredo 2001::/32, and IPv4-compatible ::/96), since the gateway behind them may reach a private
 * IPv4 host.
 */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0 || !ipaddr.isValid(address)) return true;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && isIpv4Compatible(parsed as ipaddr.IPv6)) return true;
  return parsed.range() !== 'unicast';
}

/** ::a.b.c.d (the deprecated IPv4-compatible form): ipaddr.js names no range for it beyond `::`. */
function isIpv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0);
}

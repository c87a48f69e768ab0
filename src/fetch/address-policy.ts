import ipaddr from 'ipaddr.js';

/**
 * Which addresses the article fetcher may connect to: only public unicast ones. Loopback, private
 * (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — the cloud metadata service at
 * 169.254.169.254 — and fe80::/10), carrier-grade NAT (100.64/10, another cloud's metadata
 * address), unique-local IPv6 (fc00::/7, AWS's fd00:ec2::254), multicast, reserved, documentation
 * and the IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo) are refused. The ranges are
 * ipaddr.js's (IANA's special-purpose registries); an IPv4-mapped IPv6 address is judged as its
 * IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return false;
  }
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

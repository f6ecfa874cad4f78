import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Ports handed out by this process: never the same one twice. */
const given = new Set<number>();

/**
 * A free TCP port for an app a test starts, taken below the kernel's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range): a port from that range can be taken, between this
 * check and the app's listen, as the local port of any outgoing connection (to PostgreSQL, Kafka,
 * Redis), and the app then fails to start with EADDRINUSE. Checked by binding it on all addresses,
 * as the apps listen; never the same port twice in one process.
 */
export async function freePort(): Promise<number> {
  const [low, high] = candidateRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (given.has(port) || !(await bindable(port))) continue;
    given.add(port);
    return port;
  }
  throw new Error(`no free port in ${low}–${high} after 200 tries`);
}

/** Below the ephemeral range (Linux: 32768–60999 by default); the whole user range where it cannot be read. */
function candidateRange(): [number, number] {
  try {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (ephemeralLow > 12_000) return [10_000, ephemeralLow];
  } catch {
    // Not Linux: any port that binds.
  }
  return [10_000, 65_000];
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

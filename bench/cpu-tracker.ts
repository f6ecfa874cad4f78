import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { type Pool } from 'pg';

// Linux reports CPU time in clock ticks of USER_HZ, 100 on every platform Node runs on here.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine so far (every core; other people's work included), from /proc/stat. */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number); // idle and iowait left out
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

export const CORES = cpus().length;

/** Pids of the PostgreSQL backends serving `pool`'s database, other than the one asking (the pools of the apps measured). */
export async function databaseBackendPids(pool: Pool): Promise<number[]> {
  const result = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return result.rows.map((row) => row.pid);
}

/** Pids of the Kafka brokers running on this machine (a process whose command line names kafka.Kafka); none in a container. */
export function kafkaBrokerPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
    } catch {
      return false;
    }
  });
}

/**
 * CPU seconds used by a changing set of processes since the first sample (PostgreSQL backends
 * come and go with the pools): each pid counts from its first sample, or from 0 when it first
 * shows up later, to its last one, so a backend that exits keeps what it used while sampled.
 */
export class CpuTracker {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();
  private sampled = false;

  sample(pids: number[]): void {
    for (const pid of pids) {
      const used = cpuSecondsOf(pid);
      if (used === 0) continue;
      if (!this.first.has(pid)) this.first.set(pid, this.sampled ? 0 : used);
      this.last.set(pid, used);
    }
    this.sampled = true;
  }

  get seconds(): number {
    return [...this.last].reduce((sum, [pid, used]) => sum + used - this.first.get(pid)!, 0);
  }
}

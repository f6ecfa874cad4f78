/** A dependency the app needs to be ready (Kafka, Postgres, Redis). `check` rejects when it is down. */
export interface HealthCheck {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HealthChecks');

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  /** 'up', or 'down: <why>'. */
  checks: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 2000;

export async function runHealthChecks(checks: HealthCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map(async (item) => [item.name, await probe(item)] as const));
  const report: ReadinessReport = { status: 'ok', checks: {} };
  for (const [name, result] of results) {
    report.checks[name] = result;
    if (result !== 'up') report.status = 'unavailable';
  }
  return report;
}

async function probe(item: HealthCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`down: no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([item.check().then(() => 'up'), timeout]);
  } catch (error) {
    return `down: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

// Integration tier tear-down: removes the containers the set-up started. Loopback services
// (scripts/services.sh) stay up for the next run; `scripts/services.sh stop` stops Kafka.
import { rmSync } from 'node:fs';
import { takeStartedContainers } from './global-setup';
import { TEST_ENV_FILE } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const containers = takeStartedContainers();
  if (containers.length === 0) return;
  await Promise.all(containers.map((container) => container.stop()));
  // The file named the containers' ports, which are gone now.
  rmSync(TEST_ENV_FILE, { force: true });
}

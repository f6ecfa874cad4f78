import 'reflect-metadata';
import { ConfigError, loadConfig } from '@leadscore/config';
import { JsonLogger } from '@leadscore/observability';
import { createIngestApp } from './create-ingest-app';
import { prepareIngest } from './prepare-ingest';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new JsonLogger('ingest', config.logLevel);
  await prepareIngest(config, logger);
  await createIngestApp({ config, logger });
  logger.child('main').info('ingest listening', { port: config.ingestPort });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const detail = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
    process.stderr.write(`${JSON.stringify({ level: 'error', app: 'ingest', msg: 'start failed', ...detail })}\n`);
  }
  process.exit(1);
});

import 'reflect-metadata';
import { runWorker } from '@leadscore/worker';
import { ScoringModule } from './scoring.module';
import { LEAD_EVENTS_TRANSPORT } from './scoring.tokens';

runWorker({
  name: 'scoring',
  httpPort: (config) => config.scoringHttpPort,
  poolSize: 5,
  module: (deps) => ScoringModule.forRoot(deps),
  transport: LEAD_EVENTS_TRANSPORT,
  description: 'The scoring worker serves only health and metrics (it consumes lead-events; no API of its own). /health/ready is 503 while a partition is stalled.',
});

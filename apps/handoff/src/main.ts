import 'reflect-metadata';
import { runWorker } from '@leadscore/worker';
import { HandoffModule } from './handoff.module';
import { LEAD_SCORES_TRANSPORT } from './handoff.tokens';

runWorker({
  name: 'handoff',
  httpPort: (config) => config.handoffHttpPort,
  poolSize: 8,
  module: (deps) => HandoffModule.forRoot(deps),
  transport: LEAD_SCORES_TRANSPORT,
  description: 'The handoff worker serves only health and metrics (it consumes lead-scores and delivers webhooks, described in the ops API document under `webhooks`).',
});

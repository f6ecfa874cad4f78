import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@leadscore/contracts';
import { type BatchPlan, BatchPipeline, type ConsumedBatch, type ConsumedMessage } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { HandoffWorker } from '../handoff-worker';
import { type HandoffMetrics } from '../handoff.metrics';
import { HANDOFF_METRICS } from '../handoff.tokens';
import { type LeadHandoffMessage } from './create-handoffs';
import { createHandoffsStep } from './create-handoffs.step';
import { parseScoreChangeStep } from './parse-score-change.step';

/**
 * The `lead-scores` handler on the batch transport: parse, then create the promotions' handoffs
 * in one transaction (`create-handoffs` writes in its own, so the transport isolates it: a
 * promotion PostgreSQL refuses is dead-lettered alone). Dead letters name `lead-scores` as their
 * source topic, so the ops API's redrive sends them back there.
 */
@Controller()
export class LeadScoresController {
  private readonly log;

  constructor(
    private readonly worker: HandoffWorker,
    @Inject(HANDOFF_METRICS) private readonly metrics: HandoffMetrics,
    logger: JsonLogger,
  ) {
    this.log = logger.child('handoff-worker');
  }

  @MessagePattern(TOPICS.leadScores)
  handOff(@Payload() batch: ConsumedBatch): BatchPlan<LeadHandoffMessage | null> {
    const onParked = (count: number) => {
      this.metrics.parkedPromotions.inc({ outcome: 'parked' }, count);
      this.log.info('promotions parked until their cause event commits', { count, partition: batch.partition });
    };
    return {
      steps: BatchPipeline.of<ConsumedMessage>()
        .pipe(parseScoreChangeStep)
        .pipeWrite(createHandoffsStep({ ...this.worker.handoffs, onParked })),
      committed: (report) => {
        const created = report.values.filter((handoff) => handoff !== null);
        if (created.length > 0) this.worker.handoffsCreated(created);
      },
    };
  }
}

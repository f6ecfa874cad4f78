import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@leadscore/contracts';
import { type BatchPlan, type BatchReport, type ConsumedBatch } from '@leadscore/kafka';
import { type StoredEvent } from '@leadscore/persistence';
import { type ScoringMetrics } from '../scoring.metrics';
import { SCORING_METRICS, SCORING_STEPS } from '../scoring.tokens';
import { scoringSteps, type ScoringStepsDeps } from './scoring-steps';

/** The `lead-events` handler on the batch transport: each batch's steps, and its counts once committed. */
@Controller()
export class LeadEventsController {
  constructor(
    @Inject(SCORING_STEPS) private readonly deps: ScoringStepsDeps,
    @Inject(SCORING_METRICS) private readonly metrics: ScoringMetrics,
  ) {}

  @MessagePattern(TOPICS.leadEvents)
  score(@Payload() batch: ConsumedBatch): BatchPlan<StoredEvent> {
    const started = process.hrtime.bigint();
    return {
      steps: scoringSteps(this.deps, new Date()),
      committed: (report) => this.record(batch.messages.length, report, started),
    };
  }

  private record(size: number, report: BatchReport<StoredEvent>, started: bigint): void {
    const { metrics } = this;
    metrics.batchSize.observe(size);
    metrics.batchDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.events.inc({ outcome: 'stored' }, report.values.length);
    metrics.events.inc({ outcome: 'duplicate' }, report.dropped.length);
    metrics.events.inc({ outcome: 'dead_lettered' }, report.deadLettered.length);
  }
}

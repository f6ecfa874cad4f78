import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, Post, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { Unavailable, ValidationFailed } from '@leadscore/http';
import { type KafkaClient, ReliableProducer } from '@leadscore/kafka';
import { KAFKA } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { feedbackEvent } from './feedback-event';
import { FeedbackDocs } from './feedback.open-api';

/**
 * Sales feedback enters the log as a `sales_feedback` event; 202 once Kafka acknowledged it. The
 * send runs inside the audit entry's transaction, which commits only after the acknowledgement.
 */
@ApiTags('leads')
@Controller('v1/leads/:leadId/feedback')
export class FeedbackController implements OnModuleDestroy {
  private readonly producer: ReliableProducer;
  private connected: Promise<void> | null = null;

  constructor(@Inject(KAFKA) kafka: KafkaClient, @Inject(CONFIG) private readonly config: LeadscoreConfig, private readonly audit: OpsAuditTrail) {
    this.producer = new ReliableProducer(kafka);
  }

  @FeedbackDocs.create
  @Post()
  @HttpCode(202)
  @RequireScope('feedback:write')
  async create(@Actor() actor: OpsActor, @Param('leadId') leadId: string, @Body() body: unknown): Promise<{ eventId: string }> {
    const parsed = feedbackEvent({ leadId, body, eventId: `feedback:${randomUUID()}`, now: new Date() });
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const event = parsed.event;
    // The lead id is personal data: the entry names the event (the log holds the rest).
    return this.audit.change(actor, 'feedback.recorded', async () => {
      await this.send(event.leadId, JSON.stringify(event));
      return { result: { eventId: event.eventId }, details: { eventId: event.eventId } };
    });
  }

  private async send(key: string, value: string): Promise<void> {
    try {
      this.connected ??= this.producer.connect().catch((error: unknown) => {
        this.connected = null;
        throw error;
      });
      await this.connected;
      await this.producer.send(topicName(this.config.namespace, 'leadEvents'), [{ key, value }]);
    } catch (error) {
      throw new Unavailable(`the event log did not take the feedback: ${(error as Error).message}`, 5);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
  }
}

import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards, type OnModuleDestroy } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { topicName } from '@leadscore/contracts';
import { Unavailable, ValidationFailed } from '@leadscore/http';
import { ReliableProducer } from '@leadscore/kafka';
import { KAFKA } from '../admin.tokens';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { feedbackEvent } from './feedback-event';
import { FeedbackDocs } from './feedback.open-api';

/** Sales feedback enters the log as a `sales_feedback` event; 202 once Kafka acknowledged it. */
@ApiTags('leads')
@Controller('v1/leads/:leadId/feedback')
@UseGuards(AdminTokenGuard)
export class FeedbackController implements OnModuleDestroy {
  private readonly producer: ReliableProducer;
  private connected: Promise<void> | null = null;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(CONFIG) private readonly config: LeadscoreConfig) {
    this.producer = new ReliableProducer(kafka);
  }

  @FeedbackDocs.create
  @Post()
  @HttpCode(202)
  async create(@Param('leadId') leadId: string, @Body() body: unknown): Promise<{ eventId: string }> {
    const parsed = feedbackEvent({ leadId, body, eventId: `feedback:${randomUUID()}`, now: new Date() });
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    try {
      this.connected ??= this.producer.connect().catch((error: unknown) => {
        this.connected = null;
        throw error;
      });
      await this.connected;
      await this.producer.send(topicName(this.config.namespace, 'leadEvents'), [{ key: parsed.event.leadId, value: JSON.stringify(parsed.event) }]);
    } catch (error) {
      throw new Unavailable(`the event log did not take the feedback: ${(error as Error).message}`, 5);
    }
    return { eventId: parsed.event.eventId };
  }

  async onModuleDestroy(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
  }
}

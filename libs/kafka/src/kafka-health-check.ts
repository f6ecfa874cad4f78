import { type Admin } from 'kafkajs';
import { type HealthCheck } from '@leadscore/observability';
import { type KafkaClient, kafkajsOf } from './kafka-client';

/** Ready when a broker answers a metadata request (describeCluster). */
export class KafkaHealthCheck implements HealthCheck {
  readonly name = 'kafka';
  private admin: Admin | null = null;

  constructor(private readonly client: KafkaClient) {}

  async check(): Promise<void> {
    if (this.admin === null) {
      this.admin = kafkajsOf(this.client).admin();
      try {
        await this.admin.connect();
      } catch (error) {
        this.admin = null;
        throw error;
      }
    }
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = null;
  }
}

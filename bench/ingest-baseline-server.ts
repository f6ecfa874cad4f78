import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createKafkaClient, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';

/**
 * The baseline of bench/ingest.bench.ts: a bare Node http server that only produces to Kafka, with
 * the same producer as ingest (ReliableProducer: idempotent, acks=-1) and no auth, no validation,
 * no framework. Env: PORT, KAFKA_BROKERS, TOPIC.
 */
async function main(): Promise<void> {
  const kafka = createKafkaClient({ brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), clientId: 'bench-baseline', logger: new JsonLogger('bench', 'error', () => undefined) });
  const producer = new ReliableProducer(kafka);
  await producer.connect();
  const topic = process.env.TOPIC ?? 'lead-events';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = new Date().toISOString();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events?: Array<{ leadId: string }> } & { leadId: string };
      const events = body.events ?? [body];
      const messages = events.map((event) => ({ key: event.leadId, value: JSON.stringify({ v: 1, eventId: randomUUID(), receivedAt: at, occurredAt: at, ...event }) }));
      producer.send(topic, messages).then(
        () => response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: messages.length })),
        () => response.writeHead(503).end(),
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
  process.on('SIGTERM', () => {
    server.close();
    void producer.disconnect().finally(() => process.exit(0));
  });
}

void main();

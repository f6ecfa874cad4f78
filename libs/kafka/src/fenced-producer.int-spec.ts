import { Kafka, logLevel } from 'kafkajs';
import { JsonLogger } from '@leadscore/observability';
import { freePort } from '@test/support/free-port';
import { OwnKafkaBroker } from '@test/support/own-kafka-broker';
import { TcpProxy } from '@test/support/tcp-proxy';
import { waitFor } from '@test/support/wait-for';
import { ensureTopics } from './ensure-topics';
import { FencedProducer } from './fenced-producer';
import { createKafkaClient } from './kafka-client';

jest.setTimeout(180_000);

const TOPIC = 'fenced-producer-test';

// A broker of the test's own behind a proxy: the proxy's outage ends at once, so kafkajs' retries of
// a send given up would still be running when Kafka is back — the case the fence is for.
describe('FencedProducer against a real broker', () => {
  let proxy: TcpProxy;
  let broker: OwnKafkaBroker;
  const logger = new JsonLogger('it', 'error', () => undefined);
  const clientOptions = () => ({ brokers: [`127.0.0.1:${proxy.port}`], clientId: 'fenced-it', logger });

  beforeAll(async () => {
    proxy = new TcpProxy(await freePort(), () => broker.listenPort);
    broker = new OwnKafkaBroker({ advertisedPort: proxy.port });
    await proxy.up();
    await broker.start();
    await ensureTopics(createKafkaClient(clientOptions()), [TOPIC], 1);
  });

  afterAll(async () => {
    await proxy?.down();
    await broker?.remove();
  });

  it('never writes a send rejected at its deadline, even when Kafka is back a moment later', async () => {
    const producer = new FencedProducer(clientOptions());
    await producer.send(TOPIC, [{ key: 'k', value: 'before' }], Date.now() + 10_000).acknowledged;

    await proxy.down();
    const refused = producer.send(TOPIC, [{ key: 'k', value: 'refused' }], Date.now() + 1500);
    await expect(refused.acknowledged).rejects.toThrow();
    await proxy.up();
    // kafkajs retries a send for seconds: had it not been fenced, it would land in this time.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await waitFor('a send through a fresh client', async () => {
      await producer.send(TOPIC, [{ key: 'k', value: 'after' }], Date.now() + 5000).acknowledged;
      return true;
    }, 30_000, 500);
    await producer.disconnect();

    expect(await readValues()).toEqual(['before', 'after']);
  });

  async function readValues(): Promise<string[]> {
    // The test reads as an outside party, with a kafkajs client of its own.
    const kafka = new Kafka({ clientId: 'fenced-reader', brokers: clientOptions().brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const [end] = await admin.fetchTopicOffsets(TOPIC);
    await admin.disconnect();
    const values: string[] = [];
    const consumer = kafka.consumer({ groupId: `fenced-reader-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
    try {
      await waitFor('every message', async () => (values.length >= Number(end.high) ? true : undefined), 60_000, 200);
    } finally {
      await consumer.disconnect();
    }
    return values;
  }
});

import { type LeadEventMessage } from '@leadscore/contracts';
import { type ReliableProducer } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { KafkaEventLog } from './kafka-event-log';

const event = (eventId: string, leadId = 'lead-1') =>
  ({ v: 1, eventId, leadId, type: 'page_visit', occurredAt: 'x', receivedAt: 'x', source: null, properties: {}, traits: null, sourceKeyId: null }) as LeadEventMessage;

/** A producer whose sends stay open until the test settles them, recording what each carried. */
function fakeProducer() {
  const sends: Array<{ ids: string[]; done: (error?: Error) => void }> = [];
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: (_topic: string, messages: Array<{ value: string }>) =>
      new Promise<void>((resolve, reject) => {
        sends.push({ ids: messages.map((message) => (JSON.parse(message.value) as LeadEventMessage).eventId), done: (error) => (error ? reject(error) : resolve()) });
      }),
  };
  return { producer: producer as unknown as ReliableProducer, sends };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KafkaEventLog', () => {
  const logger = new JsonLogger('ingest', 'error', () => undefined).child('test');

  it('sends the appends that queued behind an open send together, in arrival order, and resolves each once acknowledged', async () => {
    const { producer, sends } = fakeProducer();
    const log = new KafkaEventLog(producer, 'lead-events', logger);
    const first = log.append([event('a')]);
    await tick();
    const second = log.append([event('b'), event('c')]);
    const third = log.append([event('d')]);
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a']]);
    sends[0].done();
    await first;
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a'], ['b', 'c', 'd']]);
    sends[1].done();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('fails every append a failed send carried, and only those', async () => {
    const { producer, sends } = fakeProducer();
    const log = new KafkaEventLog(producer, 'lead-events', logger);
    const first = log.append([event('a')]);
    await tick();
    const second = log.append([event('b')]);
    const third = log.append([event('c')]);
    await tick();
    sends[0].done(new Error('broker gone'));
    await expect(first).rejects.toThrow('broker gone');
    await tick();
    sends[1].done();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('rejects within its deadline when the send never comes back', async () => {
    const { producer } = fakeProducer();
    const log = new KafkaEventLog(producer, 'lead-events', logger, 50);
    await expect(log.append([event('a')])).rejects.toThrow('50 ms');
  });
});

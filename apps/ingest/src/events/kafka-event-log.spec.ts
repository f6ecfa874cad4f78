import { type LeadEventMessage, requestIdOf } from '@leadscore/contracts';
import { type FencedProducer } from '@leadscore/kafka';
import { JsonLogger, runInRequest } from '@leadscore/observability';
import { EventLogDownError, EventLogFullError, KafkaEventLog, PROBE_INTERVAL_MS } from './kafka-event-log';

const event = (eventId: string, leadId = 'lead-1') =>
  ({ v: 1, eventId, leadId, type: 'page_visit', occurredAt: 'x', receivedAt: 'x', source: null, properties: {}, traits: null, sourceKeyId: null }) as LeadEventMessage;

interface FakeSend {
  ids: string[];
  requestIds: Array<string | undefined>;
  deadlineAt: number;
  done: (error?: Error) => void;
  release: () => void;
}

/** A fenced producer whose sends stay open until the test settles them, recording what each carried. */
function fakeProducer() {
  const sends: FakeSend[] = [];
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: (_topic: string, messages: Array<{ value: string; headers?: Record<string, string> }>, deadlineAt: number) => {
      let done!: (error?: Error) => void;
      let release!: () => void;
      const acknowledged = new Promise<void>((resolve, reject) => {
        done = (error) => (error ? reject(error) : resolve());
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const ids = messages.map((message) => (JSON.parse(message.value) as LeadEventMessage).eventId);
      sends.push({ ids, requestIds: messages.map((message) => requestIdOf(message.headers)), deadlineAt, done, release });
      return { acknowledged, released };
    },
  };
  return { producer: producer as unknown as FencedProducer, sends };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = new JsonLogger('ingest', 'error', () => undefined).child('test');
const BIG_BUDGET = 64 * 1024 * 1024;

function eventLog(producer: FencedProducer, options: { budgetBytes?: number; deadlineMs?: number; arrivedAt?: () => number | undefined } = {}) {
  return new KafkaEventLog({ producer, topic: 'lead-events', logger, budgetBytes: options.budgetBytes ?? BIG_BUDGET, deadlineMs: options.deadlineMs, arrivedAt: options.arrivedAt });
}

describe('KafkaEventLog', () => {
  it('sends the appends that queued behind an open send together, in arrival order, and resolves each once acknowledged', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer);
    const first = log.append([event('a')]);
    await tick();
    const second = log.append([event('b'), event('c')]);
    const third = log.append([event('d')]);
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a']]);
    sends[0].done();
    sends[0].release();
    await first;
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a'], ['b', 'c', 'd']]);
    sends[1].done();
    await expect(Promise.all([second, third])).resolves.toEqual([undefined, undefined]);
  });

  it('puts on each message the id of the request that appended it, also when requests share a send', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer);
    const first = runInRequest('req-1', () => log.append([event('a')]));
    await tick();
    const second = runInRequest('req-2', () => log.append([event('b'), event('c')]));
    const third = log.append([event('d')]); // no request: a message without the header
    sends[0].done();
    await first;
    await tick();
    expect(sends.map((send) => send.requestIds)).toEqual([['req-1'], ['req-2', 'req-2', undefined]]);
    sends[1].done();
    await Promise.all([second, third]);
  });

  it('fails every append a failed send carried, and rejects those queued behind it unsent', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer);
    const first = log.append([event('a')]);
    await tick();
    const second = log.append([event('b')]);
    const third = log.append([event('c')]);
    await tick();
    sends[0].done(new Error('broker gone'));
    await expect(first).rejects.toThrow('broker gone');
    await expect(second).rejects.toThrow('broker gone');
    await expect(third).rejects.toThrow('broker gone');
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a']]);
  });

  it('after a failed send, refuses at once until one probe per interval gets through, then takes appends again', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer);
    const first = log.append([event('a')]);
    sends[0].done(new Error('broker gone'));
    sends[0].release();
    await expect(first).rejects.toThrow('broker gone');
    await expect(log.append([event('b')])).rejects.toBeInstanceOf(EventLogDownError);
    expect(log.hasRoomFor(10)).toBe(false);
    await sleep(PROBE_INTERVAL_MS);
    expect(log.hasRoomFor(10)).toBe(true);
    const probe = log.append([event('c')]);
    await expect(log.append([event('d')])).rejects.toBeInstanceOf(EventLogDownError); // the probe is out
    sends[1].done();
    await probe;
    await tick();
    const next = log.append([event('e')]);
    sends[2].done();
    await next;
    expect(sends.map((send) => send.ids)).toEqual([['a'], ['c'], ['e']]);
  });

  it('gives a send the earliest deadline of the appends it carries', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer, { deadlineMs: 1000 });
    const first = log.append([event('a')]);
    await tick();
    const before = Date.now();
    const second = log.append([event('b')]);
    await sleep(20);
    const third = log.append([event('c')]);
    sends[0].done();
    await first;
    await tick();
    expect(sends[1].ids).toEqual(['b', 'c']);
    expect(sends[1].deadlineAt).toBeGreaterThanOrEqual(before + 1000);
    expect(sends[1].deadlineAt).toBeLessThan(before + 1015);
    sends[1].done();
    await Promise.all([second, third]);
  });

  it('counts the deadline from the request\'s arrival, and sends nothing for a request that arrived too long ago', async () => {
    const { producer, sends } = fakeProducer();
    const arrived = Date.now() - 600;
    const log = eventLog(producer, { deadlineMs: 1000, arrivedAt: () => arrived });
    const first = log.append([event('a')]);
    expect(sends[0].deadlineAt).toBe(arrived + 1000);
    sends[0].done();
    await first;
    const stale = eventLog(producer, { deadlineMs: 1000, arrivedAt: () => Date.now() - 900 });
    await expect(stale.append([event('b')])).rejects.toThrow('did not acknowledge');
    expect(sends).toHaveLength(1);
    expect(stale.queuedBytes).toBe(0);
  });

  it('rejects an append still queued at its deadline, and never sends it afterwards', async () => {
    const { producer, sends } = fakeProducer();
    const log = eventLog(producer, { deadlineMs: 300 });
    const first = log.append([event('a')]);
    await tick();
    await sleep(100);
    const late = log.append([event('b')]);
    // `a` is out until the producer gives up; `b` waits in the queue until its own deadline.
    await expect(late).rejects.toThrow('did not acknowledge');
    sends[0].done(new Error('fenced'));
    await expect(first).rejects.toThrow('fenced');
    sends[0].release();
    await tick();
    expect(sends.map((send) => send.ids)).toEqual([['a']]);
    expect(log.queuedBytes).toBe(0);
  });

  it('answers at once past its byte budget, queues nothing, and takes appends again once the bytes are released', async () => {
    const { producer, sends } = fakeProducer();
    const one = Buffer.byteLength(JSON.stringify(event('a'))) + 'lead-1'.length;
    const log = eventLog(producer, { budgetBytes: one * 2 });
    const first = log.append([event('a')]);
    const second = log.append([event('b')]);
    await expect(log.append([event('c')])).rejects.toBeInstanceOf(EventLogFullError);
    expect(log.hasRoomFor(1)).toBe(false);
    expect(log.queuedBytes).toBe(one * 2);
    sends[0].done();
    sends[0].release();
    await first;
    await tick();
    const third = log.append([event('e')]);
    sends[1].done();
    sends[1].release();
    await second;
    await tick();
    sends[2].done();
    await third;
    expect(sends.map((send) => send.ids)).toEqual([['a'], ['b'], ['e']]);
    expect(log.peakQueuedBytes).toBe(one * 2);
  });

  it('counts a failed send\'s bytes against the budget until kafkajs let go of them', async () => {
    const { producer, sends } = fakeProducer();
    const one = Buffer.byteLength(JSON.stringify(event('a'))) + 'lead-1'.length;
    const log = eventLog(producer, { budgetBytes: one });
    const first = log.append([event('a')]);
    sends[0].done(new Error('fenced'));
    await expect(first).rejects.toThrow('fenced');
    await sleep(PROBE_INTERVAL_MS);
    await expect(log.append([event('b')])).rejects.toBeInstanceOf(EventLogFullError);
    sends[0].release();
    await tick();
    const probe = log.append([event('c')]);
    sends[1].done();
    await probe;
  });
});

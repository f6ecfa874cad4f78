import { type ApiAnswer } from '../api/api-answer';
import { type LineEvent } from './json-lines';
import { retryAfterMs, sendBatch, SendGaveUp } from './send-batch';

const lines = (...leadIds: string[]): LineEvent[] => leadIds.map((leadId, index) => ({ line: index + 10, event: { eventId: `e${index}`, leadId, type: 'x' } }));
const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}): ApiAnswer => ({ status, body, headers: new Headers(headers) });

/** A server scripted answer by answer; it records every body it was sent. */
function scripted(...answers: Array<ApiAnswer | Error>) {
  const sent: Array<Array<Record<string, unknown>>> = [];
  const waits: number[] = [];
  return {
    sent,
    waits,
    deps: {
      post: (events: Array<Record<string, unknown>>) => {
        sent.push(events);
        const next = answers.shift();
        if (!next) throw new Error('no more answers scripted');
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
      },
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}

describe('sendBatch', () => {
  it('given 503 then 429 with Retry-After, when retried, then the same eventIds are sent each time and the batch is accepted', async () => {
    const server = scripted(answer(503, {}, { 'retry-after': '1' }), answer(429, {}, { 'retry-after': '2' }), new Error('socket hang up'), answer(202));
    const outcome = await sendBatch(lines('a', 'b'), server.deps);
    expect(outcome.accepted.map((item) => item.line)).toEqual([10, 11]);
    expect(server.sent).toHaveLength(4);
    expect(new Set(server.sent.map((events) => events.map((event) => event.eventId).join()))).toEqual(new Set(['e0,e1']));
    expect(server.waits.slice(0, 2)).toEqual([1000, 2000]);
  });

  it('given a 400 naming events.1, then that line is refused with its field errors and the others are sent again', async () => {
    const server = scripted(answer(400, { errors: [{ path: 'events.1.leadId', message: 'leadId must be …' }] }), answer(202));
    const outcome = await sendBatch(lines('a', 'b!', 'c'), server.deps);
    expect(outcome.refused).toEqual([{ line: 11, errors: [{ path: 'leadId', message: 'leadId must be …' }] }]);
    expect(outcome.accepted.map((item) => item.line)).toEqual([10, 12]);
    expect(server.sent[1].map((event) => event.eventId)).toEqual(['e0', 'e2']);
  });

  it('given a 401, then every line of the batch is refused with the server\'s error', async () => {
    const server = scripted(answer(401, { errors: [{ path: 'authorization', message: 'no key' }] }));
    const outcome = await sendBatch(lines('a', 'b'), server.deps);
    expect(outcome.accepted).toEqual([]);
    expect(outcome.refused.map((line) => [line.line, line.errors[0].path])).toEqual([[10, 'authorization'], [11, 'authorization']]);
  });

  it('given a 413, then the batch is halved until it fits', async () => {
    const server = scripted(answer(413), answer(202), answer(202));
    const outcome = await sendBatch(lines('a', 'b', 'c'), server.deps);
    expect(server.sent.map((events) => events.length)).toEqual([3, 2, 1]);
    expect(outcome.accepted).toHaveLength(3);
  });

  it('given 503 on every attempt, then it gives up after maxAttempts', async () => {
    const server = scripted(answer(503), answer(503), answer(503));
    await expect(sendBatch(lines('a'), { ...server.deps, maxAttempts: 3 })).rejects.toBeInstanceOf(SendGaveUp);
    expect(server.sent).toHaveLength(3);
  });
});

describe('retryAfterMs', () => {
  it.each([['1', 1000], ['0.5', 500], ['3600', 60000], [null, null], ['Wed, 21 Oct 2015 07:28:00 GMT', null]])('reads %p as %p', (header, expected) => {
    expect(retryAfterMs(header)).toBe(expected);
  });
});

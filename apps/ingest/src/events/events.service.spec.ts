import { type LeadEventMessage } from '@leadscore/contracts';
import { PayloadTooLarge, Unavailable, UnsupportedMediaType, ValidationFailed } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { IngestMetrics } from '../ingest.metrics';
import { EventAppender } from './event-appender';
import { type EventLog } from './event-log';
import { EventsService } from './events.service';

const source = { keyId: 'key-1', name: 'web', allowedOrigins: [] };
const JSON_TYPE = 'application/json';

/** The service with its ports replaced: a log that records (or fails), a fixed clock, counted ids. */
function setUp(append: EventLog['append'] = async () => undefined) {
  const log = { append: jest.fn(append), hasRoomFor: () => true };
  let next = 0;
  const metrics = new IngestMetrics(new Metrics('ingest-test'));
  const logLines: string[] = [];
  const appender = new EventAppender(log, metrics, new JsonLogger('ingest', 'debug', (line) => logLines.push(line)));
  const service = new EventsService(appender, { now: () => new Date('2026-03-01T12:00:00.000Z') }, () => `generated-${++next}`, metrics);
  const counted = async (outcome: string) => (await metrics.events.get()).values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
  return { service, log, counted, logLines };
}

describe('EventsService.accept', () => {
  it('appends the mapped events and answers with their ids once the log took them', async () => {
    const { service, log, counted } = setUp();
    const answer = await service.accept({ body: { events: [{ leadId: 'a', type: 'page_visit' }, { eventId: 'mine', leadId: 'b', type: 'email_open' }] }, contentType: JSON_TYPE, source });
    expect(answer).toEqual({ accepted: 2, eventIds: ['generated-1', 'mine'] });
    const appended: LeadEventMessage[] = log.append.mock.calls[0][0];
    expect(appended).toEqual([
      expect.objectContaining({ eventId: 'generated-1', leadId: 'a', receivedAt: '2026-03-01T12:00:00.000Z', occurredAt: '2026-03-01T12:00:00.000Z', sourceKeyId: 'key-1' }),
      expect.objectContaining({ eventId: 'mine', leadId: 'b', type: 'email_open' }),
    ]);
    expect(await counted('accepted')).toBe(2);
  });

  it('answers Unavailable, never a success, when the log does not acknowledge', async () => {
    const { service, counted, logLines } = setUp(async () => {
      throw new Error('Kafka did not acknowledge within 4500 ms');
    });
    await expect(service.accept({ body: { leadId: 'secret-lead', type: 'page_visit' }, contentType: JSON_TYPE, source })).rejects.toBeInstanceOf(Unavailable);
    expect(await counted('unavailable')).toBe(1);
    expect(logLines.join('\n')).toContain('event log unavailable');
    expect(logLines.join('\n')).not.toContain('secret-lead');
  });

  it('names the event of a batch whose traits are over 16 KiB (they accumulate in the lead state)', async () => {
    const { service, log } = setUp();
    const events = [{ leadId: 'a', type: 't' }, { leadId: 'b', type: 'identify', traits: { blob: 'x'.repeat(1_000_000) } }];
    await expect(service.accept({ body: { events }, contentType: JSON_TYPE, source })).rejects.toEqual(
      new ValidationFailed([{ path: 'events.1.traits', message: 'traits must be at most 16384 bytes as JSON, got 1000011' }]),
    );
    expect(log.append).not.toHaveBeenCalled();
  });

  it.each([
    ['a body that is not JSON', { body: 'x', contentType: 'text/plain' }, UnsupportedMediaType],
    ['an invalid event', { body: { type: 'page_visit' }, contentType: JSON_TYPE }, ValidationFailed],
    ['501 events', { body: { events: Array.from({ length: 501 }, () => ({ leadId: 'a', type: 't' })) }, contentType: JSON_TYPE }, PayloadTooLarge],
    ['traits over 16 KiB', { body: { leadId: 'a', type: 'identify', traits: { blob: 'x'.repeat(1_000_000) } }, contentType: JSON_TYPE }, ValidationFailed],
    ['a reserved type', { body: { leadId: 'a', type: 'sales_feedback', properties: { action: 'won' } }, contentType: JSON_TYPE }, ValidationFailed],
  ])('refuses %s without touching the log', async (_name, request, errorType) => {
    const { service, log } = setUp();
    await expect(service.accept({ ...request, source })).rejects.toBeInstanceOf(errorType);
    expect(log.append).not.toHaveBeenCalled();
  });
});

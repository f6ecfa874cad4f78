import { type LeadEventMessage } from '@leadscore/contracts';
import { PayloadTooLarge, Unavailable, UnsupportedMediaType, ValidationFailed } from '@leadscore/http';
import { JsonLogger, Metrics } from '@leadscore/observability';
import { EventAppender } from '../events/event-appender';
import { type EventLog } from '../events/event-log';
import { IngestMetrics } from '../ingest.metrics';
import { type SegmentRequest, SegmentService } from './segment.service';

const source = { keyId: 'key-1', name: 'web', allowedOrigins: [] };

/** The service with its ports replaced: a log that records (or fails), a fixed clock, counted ids. */
function setUp(append: EventLog['append'] = async () => undefined) {
  const log = { append: jest.fn(append), hasRoomFor: () => true };
  const metrics = new IngestMetrics(new Metrics('segment-test'));
  let next = 0;
  const appender = new EventAppender(log, metrics, new JsonLogger('ingest', 'error', () => undefined));
  const service = new SegmentService(appender, { now: () => new Date('2026-03-01T12:00:00.000Z') }, () => `generated-${++next}`, metrics);
  const accept = (request: Partial<SegmentRequest>) =>
    service.accept({ route: 'track', body: {}, contentType: 'application/json', bodyBytes: undefined, source, ...request });
  return { accept, log };
}

const pathsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationFailed);
  return (error as ValidationFailed).errors.map((item) => item.path);
};

describe('SegmentService.accept', () => {
  it('appends the mapped call with the source key id and answers {success: true}', async () => {
    const { accept, log } = setUp();
    await expect(accept({ body: { userId: 'u-1', event: 'Signed Up' } })).resolves.toEqual({ success: true });
    const appended: LeadEventMessage[] = log.append.mock.calls[0][0];
    expect(appended).toEqual([expect.objectContaining({ eventId: 'generated-1', leadId: 'u-1', type: 'signed_up', sourceKeyId: 'key-1', occurredAt: '2026-03-01T12:00:00.000Z' })]);
  });

  it('parses a text/plain body as JSON', async () => {
    const { accept, log } = setUp();
    await accept({ route: 'page', body: JSON.stringify({ anonymousId: 'a-1' }), contentType: 'text/plain' });
    expect(log.append.mock.calls[0][0][0]).toMatchObject({ leadId: 'a-1', type: 'page_visit' });
  });

  it.each([
    ['a messageId over 128 characters', { userId: 'u', event: 'x', messageId: 'm'.repeat(129) }, 'messageId'],
    ['a campaign source over 128 characters', { userId: 'u', event: 'x', context: { campaign: { source: 's'.repeat(129) } } }, 'context.campaign.source'],
    ['a timestamp more than 24 h ahead', { userId: 'u', event: 'x', timestamp: '2026-03-03T12:00:00Z' }, 'timestamp'],
    ['a track whose event name maps to a reserved type', { userId: 'u', event: 'Sales Feedback', properties: { action: 'won' } }, 'event'],
    ['a messageId in a system namespace', { userId: 'u', event: 'x', messageId: 'inactivity:u:2026-03-01' }, 'messageId'],
    ['a timestamp before 1970', { userId: 'u', event: 'x', timestamp: '1969-12-31T23:59:59Z' }, 'timestamp'],
    ['properties nested too deep', { userId: 'u', event: 'x', properties: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) as object }, 'properties'],
  ])('names the Segment field of %s', async (_name, body, path) => {
    const { accept, log } = setUp();
    expect(await pathsOf(accept({ body }))).toContain(path);
    expect(log.append).not.toHaveBeenCalled();
  });

  it('prefixes the paths of a batch call with its index', async () => {
    const { accept } = setUp();
    expect(await pathsOf(accept({ route: 'batch', body: { batch: [{ type: 'track', userId: 'u', event: 'x' }, { type: 'track', userId: 'u', event: 'x', messageId: 'm'.repeat(129) }] } }))).toEqual(['batch.1.messageId']);
  });

  it('refuses a request over 500 KB as too large, and another media type as unsupported', async () => {
    const { accept } = setUp();
    await expect(accept({ route: 'batch', bodyBytes: 500 * 1024 + 1 })).rejects.toBeInstanceOf(PayloadTooLarge);
    await expect(accept({ contentType: 'application/xml' })).rejects.toBeInstanceOf(UnsupportedMediaType);
  });

  it('answers Unavailable, never a success, when the log does not acknowledge', async () => {
    const { accept } = setUp(async () => {
      throw new Error('Kafka did not acknowledge within 4500 ms');
    });
    await expect(accept({ body: { userId: 'u', event: 'x' } })).rejects.toBeInstanceOf(Unavailable);
  });
});

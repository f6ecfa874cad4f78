import { DLQ_HEADERS } from '@leadscore/contracts';
import { redriveTopic } from './redrive-topic';

describe('redriveTopic', () => {
  const headers = (topic?: string) => (topic === undefined ? {} : { [DLQ_HEADERS.topic]: Buffer.from(topic) });

  it('sends a letter back to the source topic its headers name', () => {
    expect(redriveTopic(headers('t-1.lead-scores'), 't-1')).toBe('t-1.lead-scores');
    expect(redriveTopic(headers('lead-events'), '')).toBe('lead-events');
    expect(redriveTopic(headers('lead-scores'), '')).toBe('lead-scores');
  });

  it('sends a letter without a source topic, or naming a topic no worker consumes, to lead-events', () => {
    expect(redriveTopic(headers(), '')).toBe('lead-events');
    expect(redriveTopic(headers('lead-handoffs'), '')).toBe('lead-events');
    expect(redriveTopic(headers('other-ns.lead-scores'), 't-1')).toBe('t-1.lead-events');
  });
});

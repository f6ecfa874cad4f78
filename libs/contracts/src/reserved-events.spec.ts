import { inferredProducer, provenanceProblem, RESERVED_TYPES, reservedEventIdPrefixOf, reservedProducerOf } from './reserved-events';

describe('reserved types and ids', () => {
  it('names each system-written type with the one producer that writes it', () => {
    expect(RESERVED_TYPES).toEqual({ sales_feedback: 'admin', inactivity_tick: 'scheduler', identity_merged: 'scoring' });
    expect(reservedProducerOf('page_visit')).toBeNull();
    expect(reservedProducerOf('constructor')).toBeNull();
    expect(reservedProducerOf('__proto__')).toBeNull();
  });

  it.each([
    ['inactivity:lead-1:2026-03-01', 'inactivity:'],
    ['merge:e-1', 'merge:'],
    ['merged:0123', 'merged:'],
    ['feedback:uuid', 'feedback:'],
    ['inactivity', null],
    ['my-merge:1', null],
    ['Inactivity:lead-1:2026-03-01', null],
  ])('puts %s in the namespace %s', (eventId, prefix) => {
    expect(reservedEventIdPrefixOf(eventId)).toBe(prefix);
  });

  it('honours a reserved type only from its producer, and any other type from anyone', () => {
    expect(provenanceProblem('sales_feedback', 'admin')).toBeNull();
    expect(provenanceProblem('sales_feedback', 'public')).toBe('ignored: sales_feedback is a reserved type honoured only from the admin producer, this event came from public');
    expect(provenanceProblem('identity_merged', 'scheduler')).toMatch(/^ignored: identity_merged/);
    expect(provenanceProblem('email_open', 'public')).toBeNull();
  });

  it('infers the producer of an older message: a write key is public, no key means the type\'s own producer', () => {
    expect(inferredProducer({ type: 'sales_feedback', sourceKeyId: 'key-1' })).toBe('public');
    expect(inferredProducer({ type: 'sales_feedback', sourceKeyId: null })).toBe('admin');
    expect(inferredProducer({ type: 'identity_merged', sourceKeyId: null })).toBe('scoring');
    expect(inferredProducer({ type: 'email_open', sourceKeyId: null })).toBe('public');
  });
});

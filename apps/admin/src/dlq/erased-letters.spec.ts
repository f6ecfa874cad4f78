import { hashErasedId } from '@leadscore/persistence';
import { type DeadLetterRecord } from '@leadscore/kafka';
import { isErasedLetter } from './erased-letters';

const FINISHED = new Date('2026-12-01T10:00:00.000Z');
const erased = new Map([[hashErasedId('lead-gone'), FINISHED]]);

function letter(fields: { key?: string | null; value?: string; at?: Date }): DeadLetterRecord {
  return {
    partition: 0, offset: '7', timestamp: String((fields.at ?? new Date('2026-12-01T09:00:00.000Z')).getTime()),
    key: fields.key === null || fields.key === undefined ? null : Buffer.from(fields.key), value: Buffer.from(fields.value ?? 'not json'), headers: {},
  };
}

describe('isErasedLetter', () => {
  it.each([
    ['keyed by the erased lead, written before the erasure finished', letter({ key: 'lead-gone' }), true],
    ['keyed by the erased lead, written at the instant it finished', letter({ key: 'lead-gone', at: FINISHED }), true],
    ['keyed by the erased lead, written after (a new lead of that id)', letter({ key: 'lead-gone', at: new Date('2026-12-01T10:00:01.000Z') }), false],
    ['no key, its value names the erased lead as leadId', letter({ key: null, value: '{"leadId":"lead-gone","type":"x"}' }), true],
    ['no key, its value names the erased lead as userId (Segment shape)', letter({ key: null, value: '{"userId":"lead-gone"}' }), true],
    ['another lead', letter({ key: 'lead-kept', value: '{"leadId":"lead-kept"}' }), false],
    ['no key and bytes that are not JSON', letter({ key: null }), false],
  ])('%s → %s', (_name, given, expected) => {
    expect(isErasedLetter(given, erased)).toBe(expected);
  });

  it('hides nothing while nothing was erased', () => {
    expect(isErasedLetter(letter({ key: 'lead-gone' }), new Map())).toBe(false);
  });
});

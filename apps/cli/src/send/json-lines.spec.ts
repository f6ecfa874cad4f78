import { lineEventId, readJsonLines } from './json-lines';

describe('readJsonLines', () => {
  it('keeps each event with its line number and skips blank lines', () => {
    const read = readJsonLines('{"eventId":"a","leadId":"l1","type":"x"}\n\n{"eventId":"b","leadId":"l2","type":"y"}\r\n', 'events.jsonl');
    expect(read.events.map((item) => [item.line, item.event.eventId])).toEqual([[1, 'a'], [3, 'b']]);
    expect(read.refused).toEqual([]);
  });

  it('refuses a line that is not JSON or not an object, naming the line', () => {
    const read = readJsonLines('{"leadId":"l1","type":"x"}\nnot json\n[1,2]\n"text"', 'events.jsonl');
    expect(read.events.map((item) => item.line)).toEqual([1]);
    expect(read.refused.map((line) => line.line)).toEqual([2, 3, 4]);
    expect(read.refused[0].errors[0].message).toMatch(/^not JSON/);
  });

  it('gives an event without eventId the same id on every read of the same file, so a re-send dedupes', () => {
    const text = '{"leadId":"l1","type":"x"}\n{"leadId":"l1","type":"x"}';
    const first = readJsonLines(text, '/tmp/a/events.jsonl');
    const again = readJsonLines(text, '/other/dir/events.jsonl');
    expect(first.events.map((item) => item.event.eventId)).toEqual(again.events.map((item) => item.event.eventId));
    // Two identical lines are two events: the line number is part of the id.
    expect(first.events[0].event.eventId).not.toEqual(first.events[1].event.eventId);
    expect(first.events[0].event.eventId).toBe(lineEventId('events.jsonl', 1, '{"leadId":"l1","type":"x"}'));
  });

  it('derives ids of at most 128 characters outside the system namespaces', () => {
    const id = lineEventId('f.jsonl', 7, '{}');
    expect(id).toMatch(/^line:[0-9a-f]{32}$/);
  });

  it('leaves an eventId the line gives alone', () => {
    expect(readJsonLines('{"eventId":"mine","leadId":"l","type":"x"}', 'f').events[0].event.eventId).toBe('mine');
  });
});

import { MESSAGE_HEADERS, requestIdOf } from './message-headers';

describe('requestIdOf', () => {
  it.each([
    ['a string', { [MESSAGE_HEADERS.requestId]: 'req-1' }, 'req-1'],
    ['a Buffer, as a consumer gets it', { [MESSAGE_HEADERS.requestId]: Buffer.from('req-2') }, 'req-2'],
    ['the header twice (the first)', { [MESSAGE_HEADERS.requestId]: [Buffer.from('req-3'), 'req-4'] }, 'req-3'],
    ['no such header', { 'x-dlq-step': 'parse-message' }, undefined],
    ['no headers', undefined, undefined],
  ])('reads %s', (_name, headers, expected) => {
    expect(requestIdOf(headers)).toBe(expected);
  });
});

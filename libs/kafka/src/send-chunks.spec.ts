import { sendChunks } from './send-chunks';

const message = (key: string, valueBytes: number) => ({ key, value: 'v'.repeat(valueBytes) });

describe('sendChunks', () => {
  it('keeps everything in one send when it fits', () => {
    const messages = [message('a', 10), message('b', 10)];
    expect(sendChunks(messages, 100)).toEqual([messages]);
  });

  it('starts a new send before the budget would be passed, keeping the order', () => {
    const [a, b, c, d] = [message('a', 39), message('b', 39), message('c', 39), message('d', 9)];
    expect(sendChunks([a, b, c, d], 100)).toEqual([[a, b], [c, d]]);
  });

  it('sends a message larger than the budget on its own', () => {
    const [small, huge, tail] = [message('a', 9), message('b', 500), message('c', 9)];
    expect(sendChunks([small, huge, tail], 100)).toEqual([[small], [huge], [tail]]);
  });

  it('counts bytes, not characters', () => {
    const accented = { key: 'k', value: 'é'.repeat(30) };
    expect(sendChunks([accented, accented], 100)).toHaveLength(2);
  });

  it('has nothing to send for no messages', () => {
    expect(sendChunks([], 100)).toEqual([]);
  });
});

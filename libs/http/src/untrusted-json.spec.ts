import { parseUntrustedJson } from './untrusted-json';

describe('parseUntrustedJson', () => {
  it('drops a __proto__ key at any depth, keeping the rest', () => {
    const parsed = parseUntrustedJson('{"__proto__": {"leadId": "x"}, "type": "page_visit", "properties": {"__proto__": {"a": 1}, "b": 2}}');
    expect(parsed).toEqual({ type: 'page_visit', properties: { b: 2 } });
    expect(Object.prototype.hasOwnProperty.call(parsed, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('drops a constructor that holds a prototype, and keeps any other constructor field', () => {
    expect(parseUntrustedJson('{"constructor": {"prototype": {"leadId": "x"}}, "type": "t"}')).toEqual({ type: 't' });
    expect(parseUntrustedJson('{"constructor": "Acme Inc"}')).toEqual({ constructor: 'Acme Inc' });
  });

  it('throws on text that is not JSON, as JSON.parse does', () => {
    expect(() => parseUntrustedJson('{nope')).toThrow(SyntaxError);
  });
});

import { Webhook } from 'standardwebhooks';
import { formatSecret, signatureHeader, signWebhook } from './webhook-signature';

const secret = formatSecret(Uint8Array.from({ length: 32 }, (_, i) => i * 7));

describe('signWebhook', () => {
  it('produces a signature that standardwebhooks verifies', () => {
    const body = JSON.stringify({ type: 'lead.mql', data: { handoffId: 'h1' } });
    const timestampS = 1_763_900_000;
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestampS), 'webhook-signature': signWebhook({ id: 'msg_1', timestampS, body, secret }) };
    const verifier = new Webhook(secret);
    jest.useFakeTimers({ now: timestampS * 1000 });
    try {
      expect(verifier.verify(body, headers)).toEqual({ type: 'lead.mql', data: { handoffId: 'h1' } });
      expect(() => verifier.verify(body.replace('h1', 'h2'), headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('makes whsec_ secrets of at least 24 bytes', () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(() => formatSecret(new Uint8Array(16))).toThrow();
  });
});

describe('signatureHeader', () => {
  it('signs with every secret, so a receiver holding either the old or the new one verifies (rotation)', () => {
    const newer = formatSecret(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));
    const body = JSON.stringify({ type: 'lead.sql' });
    const timestampS = 1_763_900_000;
    const headers = { 'webhook-id': 'msg_2', 'webhook-timestamp': String(timestampS), 'webhook-signature': signatureHeader({ id: 'msg_2', timestampS, body, secrets: [newer, secret] }) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    jest.useFakeTimers({ now: timestampS * 1000 });
    try {
      expect(new Webhook(newer).verify(body, headers)).toEqual({ type: 'lead.sql' });
      expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'lead.sql' });
      expect(() => new Webhook(formatSecret(new Uint8Array(32))).verify(body, headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });
});

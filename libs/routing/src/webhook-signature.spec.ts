import { Webhook } from 'standardwebhooks';
import { formatSecret, signWebhook } from './webhook-signature';

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

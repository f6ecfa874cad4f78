import { createHmac } from 'node:crypto';

const PREFIX = 'whsec_';

/** A Standard Webhooks secret from random bytes (24 or more): `whsec_` + base64. */
export function formatSecret(randomBytes: Uint8Array): string {
  if (randomBytes.length < 24) throw new Error('a webhook secret needs at least 24 random bytes');
  return PREFIX + Buffer.from(randomBytes).toString('base64');
}

/** `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's decoded bytes. */
export function signWebhook(input: { id: string; timestampS: number; body: string; secret: string }): string {
  const key = Buffer.from(input.secret.startsWith(PREFIX) ? input.secret.slice(PREFIX.length) : input.secret, 'base64');
  const mac = createHmac('sha256', key).update(`${input.id}.${input.timestampS}.${input.body}`).digest('base64');
  return `v1,${mac}`;
}

/** The `webhook-signature` header: one `v1,` signature per secret, space-separated (Standard Webhooks). */
export function signatureHeader(input: { id: string; timestampS: number; body: string; secrets: readonly string[] }): string {
  return input.secrets.map((secret) => signWebhook({ id: input.id, timestampS: input.timestampS, body: input.body, secret })).join(' ');
}

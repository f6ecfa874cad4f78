import { createHash } from 'node:crypto';

/** What an erasure keeps of an id once done: its SHA-256, lower-case hex (the DLQ reader matches on it). */
export function hashErasedId(leadId: string): string {
  return createHash('sha256').update(`erased-lead:${leadId}`, 'utf8').digest('hex');
}

import { type Pool } from 'pg';
import { erasedIdHashes, hashErasedId } from '@leadscore/persistence';
import { type DeadLetterRecord } from '@leadscore/kafka';

// Where a dead letter names its lead: the Kafka key (every producer keys by lead), else the value.
const LEAD_FIELDS = ['leadId', 'userId', 'anonymousId'] as const;

/**
 * Whether a dead letter belongs to an erased lead: its key or its value's lead id hashes to an
 * erased id, and it was written before that erasure finished (a later one is a new lead's).
 * Kafka cannot edit the DLQ topic: such letters are never shown nor redriven, and the topic's
 * retention deletes them (docs/privacy.md).
 */
export function isErasedLetter(letter: DeadLetterRecord, erased: Map<string, Date>): boolean {
  if (erased.size === 0) return false;
  const written = Number(letter.timestamp);
  return leadIdsOf(letter).some((leadId) => {
    const finishedAt = erased.get(hashErasedId(leadId));
    return finishedAt !== undefined && !(written > finishedAt.getTime());
  });
}

function leadIdsOf(letter: DeadLetterRecord): string[] {
  const ids: string[] = [];
  if (letter.key !== null && letter.key.length > 0) ids.push(letter.key.toString('utf8'));
  try {
    const value: unknown = JSON.parse(letter.value?.toString('utf8') ?? 'null');
    if (typeof value === 'object' && value !== null) {
      for (const field of LEAD_FIELDS) {
        const id = (value as Record<string, unknown>)[field];
        if (typeof id === 'string') ids.push(id);
      }
    }
  } catch {
    // Unparseable bytes: only the key can tell.
  }
  return ids;
}

/** The letters less those of erased leads. */
export async function withoutErased(pool: Pool, letters: DeadLetterRecord[]): Promise<DeadLetterRecord[]> {
  if (letters.length === 0) return letters;
  const erased = await erasedIdHashes(pool);
  return letters.filter((letter) => !isErasedLetter(letter, erased));
}

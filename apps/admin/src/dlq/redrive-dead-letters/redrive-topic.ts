import { DLQ_HEADERS, topicName, type TopicKey } from '@leadscore/contracts';
import { headerText, type MessageHeaders } from '@leadscore/kafka';

/** The topics whose consumers dead-letter messages, hence the only ones a redrive may write to. */
const REDRIVABLE: TopicKey[] = ['leadEvents', 'leadScores'];

/**
 * Where a dead letter goes back to: the source topic its headers name (the scoring worker's come
 * from `lead-events`, the handoff worker's from `lead-scores`), when it is one of this namespace's
 * consumed topics; else `lead-events` (letters written before the header was honoured).
 */
export function redriveTopic(headers: MessageHeaders, namespace: string): string {
  const source = headerText(headers, DLQ_HEADERS.topic);
  const allowed = REDRIVABLE.map((key) => topicName(namespace, key));
  return source !== null && allowed.includes(source) ? source : topicName(namespace, 'leadEvents');
}

/** Every Kafka topic Leadscore uses. The one place topic names are spelled. */
export const TOPICS = {
  leadEvents: 'lead-events',
  leadScores: 'lead-scores',
  leadHandoffs: 'lead-handoffs',
  leadEventsDlq: 'lead-events-dlq',
} as const;

export type TopicKey = keyof typeof TOPICS;

/** Topic name under a namespace (empty in production; tests set one to isolate runs). */
export function topicName(namespace: string, key: TopicKey): string {
  return namespace ? `${namespace}.${TOPICS[key]}` : TOPICS[key];
}

/** Consumer group id under a namespace. */
export function groupId(namespace: string, group: string): string {
  return namespace ? `${namespace}.${group}` : group;
}

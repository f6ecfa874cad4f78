/** Header names on a `lead-events-dlq` message; the value and key are the original bytes. */
export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  step: 'x-dlq-step',
  topic: 'x-dlq-source-topic',
  partition: 'x-dlq-source-partition',
  offset: 'x-dlq-source-offset',
  at: 'x-dlq-at',
} as const;

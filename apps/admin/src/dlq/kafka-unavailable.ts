import { Unavailable } from '@leadscore/http';

/** Kafka did not answer: a 503 the caller may retry, not a 500. */
export function kafkaUnavailable(error: unknown): never {
  throw new Unavailable(`Kafka cannot be read or written right now (${error instanceof Error ? error.message : String(error)}); retry later`, 1);
}

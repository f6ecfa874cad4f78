import { Kafka, logLevel } from 'kafkajs';
import { testEnv } from '@test/setup/test-env';

/**
 * A kafkajs client of the test's own, for what the test does as an outside party (reading what
 * reached a topic, deleting its topics): the apps' KafkaClient is opaque on purpose.
 */
export function outsideKafka(clientId: string, brokers: string = testEnv().kafkaBrokers): Kafka {
  return new Kafka({ clientId, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

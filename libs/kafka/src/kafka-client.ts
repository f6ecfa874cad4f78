import { type ISocketFactory, Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
import { type JsonLogger } from '@leadscore/observability';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: JsonLogger;
}

const NATIVE: unique symbol = Symbol('kafkajs client');

/**
 * A connection to the cluster as the apps hold it: opaque, used only through this lib (producers,
 * the batch transport, topic and offset reads, the DLQ reader), so a move to another client
 * library changes libs/kafka alone.
 */
export interface KafkaClient {
  readonly [NATIVE]: Kafka;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/**
 * The one place a client is made. Short connection and request timeouts let callers answer 503
 * within 5 s when the broker is gone.
 */
export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  return { [NATIVE]: nativeClient(options) };
}

/** With sockets of the client's own (a fenced producer cuts them); kafkajs' default otherwise. */
function nativeClient(options: KafkaClientOptions, socketFactory?: ISocketFactory): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 2000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: KafkaLogLevel.WARN,
    ...(socketFactory ? { socketFactory } : {}),
    logCreator: () => (entry: LogEntry) => {
      const { message, ...fields } = entry.log;
      options.logger.emit(LEVEL_NAMES[entry.level] ?? 'info', String(message), `kafkajs.${entry.namespace}`, fields);
    },
  });
}

/** A client on sockets of its own (FencedProducer); not exported from index.ts. */
export function clientWithSockets(options: KafkaClientOptions, socketFactory: ISocketFactory): KafkaClient {
  return { [NATIVE]: nativeClient(options, socketFactory) };
}

/** The kafkajs client behind a KafkaClient, for this lib's own files (index.ts does not export it). */
export function kafkajsOf(client: KafkaClient): Kafka {
  return client[NATIVE];
}

import { type ISocketFactory, Kafka, logLevel as KafkaLogLevel, type LogEntry } from 'kafkajs';
import { type JsonLogger } from '@leadscore/observability';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: JsonLogger;
  /** Sockets of the client's own (a fenced producer cuts them); kafkajs' default otherwise. */
  socketFactory?: ISocketFactory;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/**
 * The one place a kafkajs client is made, so the client library could be swapped. Short
 * connection and request timeouts let callers answer 503 within 5 s when the broker is gone.
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 2000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: KafkaLogLevel.WARN,
    ...(options.socketFactory ? { socketFactory: options.socketFactory } : {}),
    logCreator: () => (entry: LogEntry) => {
      const { message, ...fields } = entry.log;
      options.logger.emit(LEVEL_NAMES[entry.level] ?? 'info', String(message), `kafkajs.${entry.namespace}`, fields);
    },
  });
}

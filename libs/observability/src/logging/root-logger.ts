import pino, { type DestinationStream, type Logger } from 'pino';
import { redactRecord } from './log-redaction';
import { currentRequestId } from './request-context';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RootLoggerOptions {
  /** The `app` field of every line (`ingest`, `scoring`, …). */
  app: string;
  level: LogLevel;
  /** Where each line goes, without its newline; stdout (synchronously, as pino does) by default. */
  write?: (line: string) => void;
}

/**
 * The process's pino logger: one JSON object per line, `{level, time, app, context?, requestId?,
 * …fields, msg}`, level as a name and time as ISO 8601 (the e2e tests and `.cache/run/*.log`
 * readers expect both), personal data and credentials redacted (log-redaction.ts).
 */
export function createRootLogger(options: RootLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: options.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redactRecord },
      // Read per line, so the loggers services built once at start-up still name the request they serve.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
      // Fields named `error` carry Errors (`{error}`): name, message and stack, not `{}`.
      serializers: { error: pino.stdSerializers.err },
    },
    options.write ? lineWriter(options.write) : undefined,
  );
}

function lineWriter(write: (line: string) => void): DestinationStream {
  return { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
}

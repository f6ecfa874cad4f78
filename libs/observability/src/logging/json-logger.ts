import { type LoggerService } from '@nestjs/common';
import { type Logger as Pino } from 'pino';
import { nestLoggerOf } from './nest-logger';
import { createRootLogger, type LogLevel } from './root-logger';

export type Fields = Record<string, unknown>;

/**
 * The process's logger (one per process, made in main.ts): pino underneath, one JSON object per
 * line on stdout. Services take it by injection and keep a `child(context)`; Nest's own lines go
 * through `forNest()`; kafkajs' through `emit`.
 */
export class JsonLogger {
  readonly pino: Pino;

  /** `write` replaces stdout (tests capture the lines with it). */
  constructor(app: string, level: LogLevel = 'info', write?: (line: string) => void) {
    this.pino = createRootLogger({ app, level, write });
  }

  child(context: string): ContextLogger {
    return new ContextLogger(this.pino.child({ context }));
  }

  /** One line from a library's own logger (kafkajs), its context given per line. */
  emit(level: LogLevel, msg: string, context?: string, fields?: Fields): void {
    this.pino[level]({ ...(context === undefined ? {} : { context }), ...fields }, msg);
  }

  /** For `NestFactory.create({logger})` (libs/http's bootstrap does it). */
  forNest(): LoggerService {
    return nestLoggerOf(this.pino);
  }
}

/** A logger for one part of an app: `log.info('batch scored', {size})` writes `{…, context, size, msg}`. */
export class ContextLogger {
  constructor(private readonly pino: Pino) {}

  debug(msg: string, fields?: Fields): void {
    this.pino.debug(fields ?? {}, msg);
  }

  info(msg: string, fields?: Fields): void {
    this.pino.info(fields ?? {}, msg);
  }

  warn(msg: string, fields?: Fields): void {
    this.pino.warn(fields ?? {}, msg);
  }

  error(msg: string, fields?: Fields): void {
    this.pino.error(fields ?? {}, msg);
  }
}

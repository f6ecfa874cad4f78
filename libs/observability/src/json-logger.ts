import { type LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout: {time, level, app, context, msg, ...fields}.
 * Used as Nest's logger and directly by the workers (`logger.info('batch', {size})`).
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly app: string,
    private readonly minLevel: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  child(context: string): ContextLogger {
    return new ContextLogger(this, context);
  }

  emit(level: Level, msg: string, context?: string, fields?: Record<string, unknown>): void {
    if (RANK[level] < RANK[this.minLevel]) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, app: this.app };
    if (context) record.context = context;
    record.msg = msg;
    if (fields) Object.assign(record, fields);
    this.write(JSON.stringify(record, errorReplacer));
  }

  // LoggerService: Nest passes (message, context) or (message, stack, context) for errors.
  log(message: unknown, context?: string): void { this.emit('info', String(message), context); }
  warn(message: unknown, context?: string): void { this.emit('warn', String(message), context); }
  debug(message: unknown, context?: string): void { this.emit('debug', String(message), context); }
  verbose(message: unknown, context?: string): void { this.emit('debug', String(message), context); }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    const stack = context === undefined ? undefined : stackOrContext;
    this.emit('error', String(message), context ?? stackOrContext, stack ? { stack } : undefined);
  }
}

export class ContextLogger {
  constructor(private readonly root: JsonLogger, private readonly context: string) {}
  debug(msg: string, fields?: Record<string, unknown>): void { this.root.emit('debug', msg, this.context, fields); }
  info(msg: string, fields?: Record<string, unknown>): void { this.root.emit('info', msg, this.context, fields); }
  warn(msg: string, fields?: Record<string, unknown>): void { this.root.emit('warn', msg, this.context, fields); }
  error(msg: string, fields?: Record<string, unknown>): void { this.root.emit('error', msg, this.context, fields); }
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

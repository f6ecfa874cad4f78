import { type LoggerService } from '@nestjs/common';
import { Logger, PinoLogger } from 'nestjs-pino';
import { type Logger as Pino } from 'pino';

/**
 * nestjs-pino's PinoLogger bound to one root logger. Its own resolves the logger its middleware
 * binds per request, else a process-wide one: the first any app built (a second app in a test
 * process would write Nest's lines under the first's `app`). We install no middleware: the
 * request id comes from request-context.ts, through the root logger's mixin.
 */
class RootPinoLogger extends PinoLogger {
  constructor(private readonly root: Pino) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Pino {
    return this.root;
  }
}

/** Nest's own lines (start-up, route mapping, its errors) through `root`, with Nest's context as `context`. */
export function nestLoggerOf(root: Pino): LoggerService {
  return new Logger(new RootPinoLogger(root), {});
}

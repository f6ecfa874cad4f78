import { JsonLogger } from './json-logger';
import { runInRequest } from './request-context';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = new JsonLogger('scoring', level, (line) => lines.push(line));
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level name, ISO time, app, context, fields and message', () => {
    const { logger, lines, records } = capture('info');
    logger.child('batch').info('scored', { size: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const [record] = records();
    expect(record).toEqual({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), app: 'scoring', context: 'batch', size: 3, msg: 'scored' });
  });

  it('drops records below the minimum level', () => {
    const { logger, records } = capture('warn');
    logger.child('x').info('quiet');
    logger.child('x').debug('quieter');
    logger.child('x').warn('loud');
    logger.child('x').error('louder');
    expect(records().map((record) => [record.level, record.msg])).toEqual([['warn', 'loud'], ['error', 'louder']]);
  });

  it('writes an Error under `error` with its name, message and stack', () => {
    const { logger, records } = capture();
    logger.child('x').error('failed', { error: new TypeError('bad input') });
    expect(records()[0].error).toMatchObject({ type: 'TypeError', message: 'bad input', stack: expect.stringContaining('TypeError: bad input') });
  });

  it('names the request on every line written while handling it, from loggers made before it', () => {
    const { logger, records } = capture();
    const log = logger.child('events');
    runInRequest('req-7', () => log.info('appended'));
    log.info('outside');
    expect(records().map((record) => record.requestId)).toEqual(['req-7', undefined]);
  });

  it('takes a library line with its context through emit', () => {
    const { logger, records } = capture();
    logger.emit('warn', 'broker down', 'kafkajs.Connection', { broker: '127.0.0.1:9092' });
    expect(records()[0]).toMatchObject({ level: 'warn', context: 'kafkajs.Connection', broker: '127.0.0.1:9092', msg: 'broker down' });
  });

  it("is Nest's logger: its context and its error stacks", () => {
    const { logger, records } = capture();
    const nest = logger.forNest();
    nest.log('Mapped {/v1/events, POST} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    const [mapped, failed] = records();
    expect(mapped).toMatchObject({ level: 'info', app: 'scoring', context: 'RouterExplorer', msg: 'Mapped {/v1/events, POST} route' });
    expect(failed).toMatchObject({ level: 'error', context: 'ExceptionsHandler', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
  });
});

import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line with app, context, message and fields', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('scoring', 'info', (line) => lines.push(line));
    logger.child('batch').info('scored', { size: 3 });
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({ level: 'info', app: 'scoring', context: 'batch', msg: 'scored', size: 3 });
    expect(typeof record.time).toBe('string');
  });

  it('drops records below the minimum level', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('ingest', 'warn', (line) => lines.push(line));
    logger.child('x').info('quiet');
    logger.child('x').warn('loud');
    expect(lines).toHaveLength(1);
  });
});

import { runHealthChecks } from './health-check';

describe('runHealthChecks', () => {
  it('is ok when every dependency answers', async () => {
    const report = await runHealthChecks([{ name: 'postgres', check: async () => undefined }]);
    expect(report).toEqual({ status: 'ok', checks: { postgres: 'up' } });
  });

  it('names the failing dependency and why', async () => {
    const report = await runHealthChecks([
      { name: 'postgres', check: async () => undefined },
      { name: 'kafka', check: async () => { throw new Error('connection refused'); } },
    ]);
    expect(report.status).toBe('unavailable');
    expect(report.checks).toEqual({ postgres: 'up', kafka: 'down: connection refused' });
  });
});

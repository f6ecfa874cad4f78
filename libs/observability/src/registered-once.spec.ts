import { Metrics } from './metrics';
import { registeredOnce } from './registered-once';

describe('registeredOnce', () => {
  const jobs = registeredOnce((metrics: Metrics) => ({ done: metrics.counter('jobs_done_total', 'Jobs done') }));

  it('answers the same set for the same registry, which would refuse the names a second time', () => {
    const metrics = new Metrics('test');
    expect(jobs(metrics)).toBe(jobs(metrics));
  });

  it('registers a set of its own in another registry', () => {
    const first = new Metrics('test');
    const second = new Metrics('test');
    expect(jobs(first)).not.toBe(jobs(second));
  });
});

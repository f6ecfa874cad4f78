import { isSegmentPath } from './segment-path';

describe('isSegmentPath', () => {
  it.each(['/v1/track', '/v1/t', '/v1/batch?x=1', '/v1/b/', '/v1/identify', '/v1/projects/wk_1/settings', '/v1/projects'])('%s is a Segment route', (url) => {
    expect(isSegmentPath(url)).toBe(true);
  });

  it.each(['/v1/events', '/v1/pixel.gif', '/health/ready', '/v1/tracks', '/v2/track', '/metrics'])('%s is not', (url) => {
    expect(isSegmentPath(url)).toBe(false);
  });
});

import { accessLevel } from './access-log';

describe('accessLevel', () => {
  it.each(['/health/live', '/health/ready', '/metrics'])('keeps the probe route %s at debug', (route) => {
    expect(accessLevel(route)).toBe('debug');
  });

  it.each(['/v1/events', '/v1/leads/:leadId', 'unmatched'])('writes %s at info', (route) => {
    expect(accessLevel(route)).toBe('info');
  });
});

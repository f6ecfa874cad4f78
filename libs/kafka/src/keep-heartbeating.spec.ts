import { keepHeartbeating } from './keep-heartbeating';

describe('keepHeartbeating', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('beats every interval while the work runs, and stops when it ends', async () => {
    const heartbeat = jest.fn(async () => undefined);
    let finish: (value: string) => void = () => undefined;
    const running = keepHeartbeating(heartbeat, 3000, () => new Promise<string>((resolve) => (finish = resolve)));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
    finish('done');
    await expect(running).resolves.toBe('done');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('goes on when a beat fails (a rebalance), and stops beating when the work fails', async () => {
    const heartbeat = jest.fn(async () => {
      throw new Error('The group is rebalancing');
    });
    let fail: (error: Error) => void = () => undefined;
    const running = keepHeartbeating(heartbeat, 1000, () => new Promise<never>((_, reject) => (fail = reject)));
    await jest.advanceTimersByTimeAsync(2500);
    expect(heartbeat).toHaveBeenCalledTimes(2);
    fail(new Error('batch failed'));
    await expect(running).rejects.toThrow('batch failed');
    await jest.advanceTimersByTimeAsync(5000);
    expect(heartbeat).toHaveBeenCalledTimes(2);
  });
});

import { WakeableSleep } from './wakeable-sleep';

const AN_HOUR_MS = 60 * 60_000;

describe('WakeableSleep', () => {
  it('ends a sleep when woken', async () => {
    const pause = new WakeableSleep();
    const slept = pause.sleep(AN_HOUR_MS);
    pause.wake();
    await expect(slept).resolves.toBeUndefined();
  });

  it('keeps a wake that came between sleeps for the next sleep only', async () => {
    const pause = new WakeableSleep();
    pause.wake();
    await expect(pause.sleep(AN_HOUR_MS)).resolves.toBeUndefined();
    let ended = false;
    const next = pause.sleep(AN_HOUR_MS).then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    pause.wake();
    await next;
    expect(ended).toBe(true);
  });
});

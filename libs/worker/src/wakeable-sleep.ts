/**
 * A background loop's pause between rounds, which `wake()` ends at once. A wake that comes while
 * the loop is busy (not sleeping) is kept, so that its next sleep returns at once: a signal that
 * came during a round is never slept through.
 */
export class WakeableSleep {
  private wakeUp: (() => void) | null = null;
  private woken = false;

  sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.woken = false;
        this.wakeUp = null;
        resolve();
      };
    });
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }
}

/** Calls `read` every `ms` until `done` says so; returns the last value. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, onValue: (value: T) => void, ms = 500): Promise<T> {
  for (;;) {
    const value = await read();
    onValue(value);
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

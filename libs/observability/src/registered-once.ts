import { type Metrics } from './metrics';

/**
 * A set of metrics registered once per registry: every later call with the same `Metrics` answers
 * the first one's set, whichever service asks first (a registry refuses a metric name twice).
 */
export function registeredOnce<T>(register: (metrics: Metrics) => T): (metrics: Metrics) => T {
  const registered = new WeakMap<Metrics, T>();
  return (metrics) => {
    let found = registered.get(metrics);
    if (found === undefined) {
      found = register(metrics);
      registered.set(metrics, found);
    }
    return found;
  };
}

// In front of the database lease: callers in one process share one promise per key, so a storm of
// 50 calls costs one lease attempt. It is kept on globalThis because `next start` evaluates
// modules in more than one bundle.
const holder = globalThis as unknown as { __latchkeyFlights?: Map<string, Promise<unknown>> };

export function singleFlight<T>(key: string, work: () => Promise<T>): Promise<T> {
  const flights = (holder.__latchkeyFlights ??= new Map());
  const running = flights.get(key);
  if (running) return running as Promise<T>;

  const flight = work().finally(() => flights.delete(key));
  flights.set(key, flight);

  return flight;
}

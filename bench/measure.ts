import { createServer } from 'node:net';

/** What the benchmarks share: medians, timed runs and a free loopback port for a child server. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Median and best of `runs` timed calls after one warm-up, so one slow run on a busy machine does not make the figure. */
export async function timed<T>(fn: () => Promise<T>, runs = 5): Promise<{ value: T; median: number; best: number }> {
  let value = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    value = await fn();
    times.push(performance.now() - start);
  }
  return { value, median: median(times), best: Math.min(...times) };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

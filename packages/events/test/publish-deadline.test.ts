import { withinDeadline } from '../src/kafka-transport';

// A send that is never answered must end the relay's round, not hold it (and every row behind it) for good.
it('a publish that never settles fails with its message once the deadline passes', async () => {
  const started = Date.now();
  await expect(withinDeadline(new Promise(() => undefined), 50, 'publish to core.pet had no answer in 0.05 s')).rejects.toThrow(
    'publish to core.pet had no answer in 0.05 s',
  );
  expect(Date.now() - started).toBeGreaterThanOrEqual(45);
});

it('a publish that settles in time keeps its answer and its error', async () => {
  await expect(withinDeadline(Promise.resolve('sent'), 1_000, 'late')).resolves.toBe('sent');
  await expect(withinDeadline(Promise.reject(new Error('broker refused')), 1_000, 'late')).rejects.toThrow('broker refused');
});

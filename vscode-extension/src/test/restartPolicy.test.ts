import { strict as assert } from 'assert';
import { test } from 'node:test';
import { RestartPolicy } from '../restartPolicy';

test('restarts a crashed server a bounded number of times, then gives up', () => {
  const policy = new RestartPolicy(3, 60_000);
  assert.deepEqual([0, 1000, 2000, 3000, 4000].map((t) => policy.shouldRestart(t)), [true, true, true, false, false]);
  assert.match(policy.giveUpMessage(), /stopped 4 times within 1 minutes/);
});

test('crashes far apart never exhaust the budget', () => {
  const policy = new RestartPolicy(3, 60_000);
  for (let i = 0; i < 20; i++) assert.equal(policy.shouldRestart(i * 61_000), true);
});

test('a manual restart starts the count over', () => {
  const policy = new RestartPolicy(1, 60_000);
  assert.equal(policy.shouldRestart(0), true);
  assert.equal(policy.shouldRestart(1), false);
  policy.reset();
  assert.equal(policy.shouldRestart(2), true);
});

import { strict as assert } from 'assert';
import { test } from 'node:test';
import { formatRate, formatStatusText, formatStatusTooltip, parseBudget, parseBudgetUnavailable, resourceKind } from '../budget';

const microgpt = {
  uri: 'file:///work/examples/microgpt/microgpt.bramble',
  target: 'de1soc',
  device: '5CSEMA5F31C6',
  bram: { used: 38, total: 397 },
  dsp: { used: 16, total: 87 },
  lut: { used: 5120, total: 32070 },
  cyclesPerToken: 312,
  tokensPerSecond: 180288,
  overBudget: false,
};

test('a full notification parses and formats as the status bar text', () => {
  const budget = parseBudget(microgpt);
  assert.ok(budget);
  assert.equal(formatStatusText(budget), 'BRAM 38/397 · DSP 16/87 · 312 cyc/tok');
  assert.equal(budget.overBudget, false);
});

test('large cycle counts are grouped; missing cycles are left out', () => {
  assert.equal(formatStatusText(parseBudget({ ...microgpt, cyclesPerToken: 12345 })!), 'BRAM 38/397 · DSP 16/87 · 12,345 cyc/tok');
  const { cyclesPerToken: _c, ...noCycles } = microgpt;
  assert.equal(formatStatusText(parseBudget(noCycles)!), 'BRAM 38/397 · DSP 16/87');
});

test('overBudget comes from the server, or from the totals when the server leaves it out', () => {
  assert.equal(parseBudget({ ...microgpt, overBudget: true })!.overBudget, true);
  const { overBudget: _o, ...noFlag } = microgpt;
  assert.equal(parseBudget({ ...noFlag, bram: { used: 3000, total: 397 } })!.overBudget, true);
  assert.equal(parseBudget(noFlag)!.overBudget, false);
});

test('anything that is not a budget is rejected rather than shown', () => {
  assert.equal(parseBudget(undefined), undefined);
  assert.equal(parseBudget('BRAM 1/2'), undefined);
  assert.equal(parseBudget({ ...microgpt, uri: undefined }), undefined);
  assert.equal(parseBudget({ ...microgpt, bram: { used: '38', total: 397 } }), undefined);
  assert.equal(parseBudget({ ...microgpt, dsp: undefined }), undefined);
  assert.equal(parseBudget({ ...microgpt, bram: { used: Number.NaN, total: 397 } }), undefined);
});

test('the tooltip names the part, percentages and speed', () => {
  const tip = formatStatusTooltip(parseBudget(microgpt)!);
  assert.match(tip, /de1soc on 5CSEMA5F31C6/);
  assert.match(tip, /Block RAM: 38 of 397 \(10%\)/);
  assert.match(tip, /DSP: 16 of 87 \(18%\)/);
  assert.match(tip, /180k tokens\/s/);
  assert.doesNotMatch(tip, /OVER BUDGET/);
  assert.match(formatStatusTooltip(parseBudget({ ...microgpt, overBudget: true })!), /OVER BUDGET/);
});

test('rates are short', () => {
  assert.equal(formatRate(950), '950');
  assert.equal(formatRate(51234), '51k');
  assert.equal(formatRate(1500), '1.5k');
  assert.equal(formatRate(4_500_000), '4.5M');
});

test("the server's list form (items with resource/used/available) parses to the same status text", () => {
  const budget = parseBudget({
    uri: 'file:///a.bramble',
    version: 3,
    target: 'de1soc',
    device: '5CSEMA5F31C6',
    items: [
      { resource: 'M10K', used: 38, available: 397, percent: 9.6 },
      { resource: 'DSP', used: 16, available: 87, percent: 18.4 },
      { resource: 'ALM', used: 5120, available: 32070, percent: 16 },
    ],
    cyclesPerToken: 312,
    tokensPerSecond: 180288,
  });
  assert.ok(budget);
  assert.equal(formatStatusText(budget), 'BRAM 38/397 · DSP 16/87 · 312 cyc/tok');
  assert.deepEqual(budget.lut, { used: 5120, total: 32070 });
  assert.equal(budget.overBudget, false);
  const over = parseBudget({ uri: 'file:///a', items: [{ resource: 'BRAM18', used: 500, available: 100 }, { resource: 'DSP48E1', used: 1, available: 90 }] });
  assert.equal(over!.overBudget, true);
  assert.equal(parseBudget({ uri: 'file:///a', items: [{ resource: 'BRAM18', used: 5, available: 100 }] }), undefined, 'no DSP item');
});

test('resource names of every family map to the three status-bar kinds', () => {
  for (const n of ['BRAM18', 'RAMB18', 'block RAM', 'M10K', 'EBR', 'SB_RAM40_4K', 'BSRAM', 'DP16KD']) assert.equal(resourceKind(n), 'bram', n);
  for (const n of ['DSP', 'DSP48E1', 'SB_MAC16', 'MULT18X18D']) assert.equal(resourceKind(n), 'dsp', n);
  for (const n of ['LUT', 'LUT4', 'LUT6', 'ALM', 'logic cells', 'LC']) assert.equal(resourceKind(n), 'lut', n);
  assert.equal(resourceKind('IO'), undefined);
  assert.equal(resourceKind('FF'), undefined);
});

test("the server's BudgetNotification form: version, budgetPercent, FF ignored; 'available: false' says why", () => {
  const b = parseBudget({
    uri: 'file:///m.bramble', version: 7, target: 'de1soc', device: '5CSEMA5F31C6', available: true,
    items: [
      { resource: 'M10K', used: 38, available: 397, percent: 9.6 },
      { resource: 'DSP', used: 16, available: 87, percent: 18.4 },
      { resource: 'ALM', used: 4000, available: 32070, percent: 12.5 },
      { resource: 'FF', used: 3000, available: 128280, percent: 2.3 },
    ],
    budgetPercent: 80, cyclesPerToken: 302, tokensPerSecond: 186258, parameters: 4192,
  })!;
  assert.equal(b.version, 7);
  assert.equal(b.budgetPercent, 80);
  assert.deepEqual(b.lut, { used: 4000, total: 32070 });
  assert.deepEqual(b.units, { bram: 'M10K', lut: 'ALM' });
  assert.equal(formatStatusText(b), 'BRAM 38/397 · DSP 16/87 · 302 cyc/tok');
  const none = { uri: 'file:///m.bramble', version: 8, available: false, why: 'the file has no target' };
  assert.equal(parseBudget(none), undefined);
  assert.deepEqual(parseBudgetUnavailable(none), { uri: 'file:///m.bramble', version: 8, target: undefined, why: 'the file has no target' });
  assert.equal(parseBudgetUnavailable({ ...none, available: true }), undefined);
});

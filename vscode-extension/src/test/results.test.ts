import { strict as assert } from 'assert';
import { test } from 'node:test';
import { budgetFromEstimate, renderBudgetHtml } from '../budgetView';
import { parseBudget } from '../budget';
import { commandArguments, documentUriOf } from '../commandArgs';
import { parseEmitResult, parseEstimate, parseSimulationResult } from '../results';
import { renderSimulationHtml, verdictText } from '../resultView';

const sim = {
  bitExact: true,
  steps: 16,
  logitsCompared: 432,
  cyclesPerTokenMeasured: 312,
  cyclesPerTokenPredicted: 312,
  samples: ['emma'],
  simulator: 'icarus',
  wallSeconds: 1.25,
  firstMismatch: null,
  files: ['/tmp/out/microgpt_top.v', '/tmp/out/tb.v'],
};

test('a simulation result parses, flat or nested with the emit result', () => {
  const flat = parseSimulationResult(sim)!;
  assert.equal(flat.bitExact, true);
  assert.equal(flat.firstMismatch, undefined);
  assert.deepEqual(flat.samples, ['emma']);
  const nested = parseSimulationResult({ simulation: { ...sim, files: undefined }, emit: { files: [{ path: '/o/a.v' }], outputDirectory: '/o' } })!;
  assert.deepEqual(nested.files, ['/o/a.v']);
  assert.equal(nested.outputDirectory, '/o');
  assert.equal(parseSimulationResult({ unrelated: 1 }), undefined);
});

test('the verdict says bit-exact with the count, or names the first mismatch', () => {
  assert.equal(verdictText(parseSimulationResult(sim)!), 'Bit-exact — 432 logits match the reference');
  const bad = parseSimulationResult({ ...sim, bitExact: false, firstMismatch: { step: 3, index: 7, expected: 12, actual: 13 } })!;
  assert.equal(verdictText(bad), 'NOT bit-exact');
  assert.equal(bad.firstMismatch, 'step 3, index 7, expected 12, actual 13');
  const html = renderSimulationHtml(bad, 'Simulation', 'N', 'csp');
  assert.match(html, /class="verdict fail"/);
  assert.match(html, /step 3, index 7/);
});

test('the simulation view shows text, cycles and escaped file links', () => {
  const html = renderSimulationHtml(parseSimulationResult({ ...sim, samples: ['<b>x</b>'] })!, 'Simulation', 'N', 'csp');
  assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
  assert.match(html, /cycles per token \(plan\)<\/td><td>312 \(= simulated\)/);
  assert.match(html, /data-file="\/tmp\/out\/tb.v"/);
  const inFolder = renderSimulationHtml({ ...parseSimulationResult(sim)!, outputDirectory: '/tmp/out' }, 'Simulation', 'N', 'csp');
  assert.match(inFolder, />tb\.v<\/a>/, 'file names are shown relative to the output folder');
  assert.match(html, /script-src 'nonce-N'/);
  assert.match(html, /style-src csp 'unsafe-inline'/, 'bar widths are style attributes: a style nonce would block them');
});

test('emit results list files', () => {
  assert.deepEqual(parseEmitResult({ files: ['a.v', { path: 'b.hex' }] })!.files, ['a.v', 'b.hex']);
  assert.equal(parseEmitResult({}), undefined);
});

test('estimate layers are read from several plausible spellings', () => {
  const e = parseEstimate({
    target: 'de1soc',
    layers: [
      { path: 'wte', bram: 1, dsp: 0, cycles: 1 },
      { name: 'layer0.attn_wq', bram18: { used: 2 }, dsps: 16, cyclesPerToken: 16 },
      { nameless: true },
    ],
    totals: { bram: { used: 38, total: 397 }, dsp: { used: 16, total: 87 }, cyclesPerToken: 312 },
  })!;
  assert.deepEqual(e.layers.map((l) => [l.name, l.bram, l.dsp, l.cycles]), [['wte', 1, 0, 1], ['layer0.attn_wq', 2, 16, 16]]);
  assert.deepEqual(e.capacity, { bram: 397, dsp: 87, lut: undefined, cyclesPerToken: 312 });
});

test("the server's EstimateJson (device capacities, top-level used) becomes a budget and a picture", () => {
  const e = parseEstimate({
    model: 'microgpt', target: 'de1soc', bram: 38, bramUnit: 'M10K', dsp: 16, lut: 5000, cyclesPerToken: 302, tokensPerSecond: 186000,
    device: { name: '5CSEMA5F31C6', family: 'cyclonev', bram: 397, dsp: 87, lut: 32070 },
    layers: [{ name: 'wte', kind: 'embedding', bram: 2, dsp: 0, cycles: 1 }, { name: 'layer0.mlp_fc1', kind: 'linear', bram: 16, dsp: 16, cycles: 64 }],
  })!;
  assert.equal(e.device, '5CSEMA5F31C6');
  const budget = budgetFromEstimate(e, 'file:///a')!;
  assert.deepEqual([budget.bram, budget.dsp, budget.lut], [{ used: 38, total: 397 }, { used: 16, total: 87 }, { used: 5000, total: 32070 }]);
  assert.equal(budget.overBudget, false);
  const html = renderBudgetHtml(undefined, e, 'N', 'csp');
  assert.match(html, /de1soc on 5CSEMA5F31C6/);
  assert.match(html, /38 \/ 397 M10K · 10%/);
  assert.match(html, /shared \(KV cache, sequencer, norms\): 20 M10K/, 'BRAM not in any layer is drawn as shared');
  const lanes = parseEstimate({ bram: 4, dsp: 16, device: { bram: 100, dsp: 90 }, layers: [{ name: 'a', bram: 2, dsp: 16, cycles: 1 }, { name: 'b', bram: 2, dsp: 16, cycles: 1 }] });
  const shared = renderBudgetHtml(undefined, lanes, 'N', 'csp');
  assert.match(shared, /DSP <small>\(time-shared by the layers\)<\/small>/, 'per-layer DSPs summing past the total are not stacked');
  assert.doesNotMatch(shared, /Block RAM <small>/);
});

test('the budget view draws one segment per layer and marks an over-budget part', () => {
  const budget = parseBudget({ uri: 'file:///a.bramble', target: 't', device: 'xc7a35t', bram: { used: 120, total: 100 }, dsp: { used: 16, total: 90 }, cyclesPerToken: 312 })!;
  const estimate = parseEstimate({ layers: [{ path: 'a', bram: 100, dsp: 0, cycles: 200 }, { path: 'b', bram: 20, dsp: 16, cycles: 112 }] });
  const html = renderBudgetHtml(budget, estimate, 'N', 'csp');
  assert.equal((html.match(/class="seg"/g) ?? []).length, 2 + 1 + 2, 'BRAM: 2 layers, DSP: 1 layer, cycles: 2 layers');
  assert.match(html, /class="gauge over" data-resource="Block RAM"/);
  assert.match(html, /Over budget/);
  assert.match(html, /120 \/ 100 blocks · 120%/);
  assert.match(renderBudgetHtml(undefined, undefined, 'N', 'csp'), /No budget yet/);
});

test('palette commands send the document and target; lens arguments are understood too', () => {
  assert.deepEqual(commandArguments('file:///a', 'de1soc'), ['file:///a', 'de1soc']);
  assert.deepEqual(commandArguments('file:///a', undefined), ['file:///a']);
  assert.equal(documentUriOf(['file:///b', 'x']), 'file:///b');
  assert.equal(documentUriOf([{ uri: 'file:///c' }]), 'file:///c');
  assert.equal(documentUriOf([]), undefined);
});

test("the language server's estimate answer (budget form + layers[{layer,...}]) and emit answer (dir, files)", () => {
  const e = parseEstimate({
    uri: 'file:///m.bramble', version: 2, target: 'de1soc', device: '5CSEMA5F31C6', available: true,
    items: [
      { resource: 'M10K', used: 38, available: 397, percent: 9.6 },
      { resource: 'DSP', used: 16, available: 87, percent: 18.4 },
      { resource: 'ALM', used: 4000, available: 32070, percent: 12.5 },
    ],
    cyclesPerToken: 302, tokensPerSecond: 186258,
    layers: [{ layer: 'wte', kind: 'embedding', params: 432, bram: 2, dsp: 0, cycles: 1 }],
  })!;
  assert.equal(e.device, '5CSEMA5F31C6');
  assert.equal(e.bramUnit, 'M10K');
  assert.deepEqual(e.layers.map((l) => l.name), ['wte']);
  assert.deepEqual(e.capacity, { bram: 397, dsp: 87, lut: 32070, cyclesPerToken: 302 });
  assert.deepEqual(e.used.bram, 38);
  const emit = parseEmitResult({ dir: '/w/build/microgpt-de1soc', top: 'microgpt_top', files: ['/w/build/microgpt-de1soc/a.v'] })!;
  assert.equal(emit.outputDirectory, '/w/build/microgpt-de1soc');
});

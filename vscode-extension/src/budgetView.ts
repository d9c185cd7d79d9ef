// The budget view: a picture of what the design takes from the part. One stacked bar per
// resource (each layer a coloured segment, the empty rest of the part grey, the budget limit
// dashed), then one row of small bars per layer. Pure: budget + estimate in, HTML out.
import { Budget, formatRate, Usage } from './budget';
import { escapeHtml, page } from './html';
import { Estimate, LayerCost } from './results';

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const OTHER_COLOUR = '#8c8c8c';

export function layerColour(index: number): string {
  return PALETTE[index % PALETTE.length];
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.max(0, (100 * part) / whole) : 0;
}

function fmt(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
}

interface GaugeSpec {
  title: string;
  unit: string;
  usage: Usage;
  perLayer: (layer: LayerCost) => number;
}

function gauge(spec: GaugeSpec, layers: LayerCost[], budgetPercent: number | undefined): string {
  const { used, total } = spec.usage;
  const over = used > total;
  // When over, the scale is the demand so the overflow shows; otherwise the part's capacity.
  const scale = Math.max(total, used, 1);
  const layerSum = layers.reduce((s, l) => s + spec.perLayer(l), 0);
  // Layers that share a unit in time (every linear layer runs on the same MAC lanes) add up
  // to more than the total; stacking them would lie, so such a resource is one bar.
  const timeShared = layerSum > used;
  const segments =
    layers.length > 0 && layerSum > 0 && !timeShared
      ? layers
          .map((l, i) => ({ l, i, v: spec.perLayer(l) }))
          .filter((x) => x.v > 0)
          .map(
            (x) =>
              `<div class="seg" style="width:${pct(x.v, scale).toFixed(3)}%;background:${layerColour(x.i)}" title="${escapeHtml(x.l.name)}: ${fmt(x.v)} ${spec.unit}"></div>`,
          )
          .join('') +
        (used - layerSum > 0
          ? `<div class="seg" style="width:${pct(used - layerSum, scale).toFixed(3)}%;background:${OTHER_COLOUR}" title="shared (KV cache, sequencer, norms): ${fmt(used - layerSum)} ${spec.unit}"></div>`
          : '')
      : `<div class="seg" style="width:${pct(used, scale).toFixed(3)}%;background:${over ? '#e15759' : '#4e79a7'}" title="${fmt(used)} ${spec.unit}${timeShared ? ', time-shared by the layers' : ''}"></div>`;
  const capLine = over ? `<div class="cap" style="left:${pct(total, scale).toFixed(3)}%" title="the part has ${fmt(total)}"></div>` : '';
  const limit =
    budgetPercent !== undefined && !over
      ? `<div class="cap" style="left:${budgetPercent}%" title="budget ${budgetPercent}%"></div>`
      : '';
  return `<div class="gauge${over ? ' over' : ''}" data-resource="${escapeHtml(spec.title)}">
  <div class="label"><span>${escapeHtml(spec.title)}${timeShared ? ' <small>(time-shared by the layers)</small>' : ''}</span><b>${fmt(used)} / ${fmt(total)} ${escapeHtml(spec.unit)} · ${Math.round(pct(used, total))}%</b></div>
  <div class="track">${segments}${capLine}${limit}</div>
</div>`;
}

function miniBar(value: number, max: number, colour: string): string {
  return `<div class="mini"><div style="width:${Math.min(100, pct(value, max)).toFixed(2)}%;background:${colour}"></div></div>`;
}

/** A budget built from a `bramble.estimate` result, for when no `bramble/budget` notification has arrived. */
export function budgetFromEstimate(estimate: Estimate | undefined, uri = ''): Budget | undefined {
  if (!estimate) return undefined;
  const { used, capacity } = estimate;
  if (used.bram === undefined || used.dsp === undefined || capacity.bram === undefined || capacity.dsp === undefined) return undefined;
  const lut = used.lut !== undefined && capacity.lut !== undefined ? { used: used.lut, total: capacity.lut } : undefined;
  const bram = { used: used.bram, total: capacity.bram };
  const dsp = { used: used.dsp, total: capacity.dsp };
  return {
    uri,
    target: estimate.target ?? '',
    device: estimate.device ?? '',
    bram,
    dsp,
    lut,
    cyclesPerToken: used.cyclesPerToken,
    tokensPerSecond: used.tokensPerSecond,
    overBudget: [bram, dsp, lut].some((u) => u !== undefined && u.used > u.total),
  };
}

export function renderBudgetHtml(
  budget: Budget | undefined,
  estimate: Estimate | undefined,
  nonce: string,
  cspSource: string,
  budgetPercent?: number,
): string {
  budget = budget ?? budgetFromEstimate(estimate);
  if (!budget) {
    return page(
      'Bramble budget',
      `<h1>Bramble budget</h1><p class="sub">No budget yet: open a <code>.bramble</code> file with a <code>target</code> block and wait for the language server.</p>`,
      nonce,
      cspSource,
    );
  }
  const layers = estimate?.layers ?? [];
  const speed = [
    budget.cyclesPerToken !== undefined ? `${fmt(budget.cyclesPerToken)} cycles/token` : undefined,
    budget.tokensPerSecond !== undefined ? `${formatRate(budget.tokensPerSecond)} tokens/s` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const gauges = [
    gauge({ title: 'Block RAM', unit: estimate?.bramUnit ?? budget.units?.bram ?? 'blocks', usage: budget.bram, perLayer: (l) => l.bram }, layers, budgetPercent),
    gauge({ title: 'DSP', unit: 'blocks', usage: budget.dsp, perLayer: (l) => l.dsp }, layers, budgetPercent),
    budget.lut ? gauge({ title: 'Logic', unit: budget.units?.lut ?? 'LUTs', usage: budget.lut, perLayer: (l) => l.lut ?? 0 }, layers, budgetPercent) : '',
  ].join('\n');
  const totalCycles = budget.cyclesPerToken ?? layers.reduce((s, l) => s + l.cycles, 0);
  const cyclesGauge =
    layers.length > 0 && totalCycles > 0
      ? gauge(
          { title: 'Cycles per token', unit: 'cycles', usage: { used: totalCycles, total: totalCycles }, perLayer: (l) => l.cycles },
          layers,
          undefined,
        )
      : '';
  const legend =
    layers.length > 0
      ? `<div class="legend">${layers.map((l, i) => `<span><i style="background:${layerColour(i)}"></i>${escapeHtml(l.name)}</span>`).join('')}<span><i style="background:${OTHER_COLOUR}"></i>shared</span></div>`
      : '';
  const maxBram = Math.max(1, ...layers.map((l) => l.bram));
  const maxDsp = Math.max(1, ...layers.map((l) => l.dsp));
  const maxCycles = Math.max(1, ...layers.map((l) => l.cycles));
  const rows = layers
    .map(
      (l, i) => `<tr>
  <td><span style="color:${layerColour(i)}">■</span> ${escapeHtml(l.name)}</td>
  <td class="num">${fmt(l.bram)}</td><td class="bar">${miniBar(l.bram, maxBram, layerColour(i))}</td>
  <td class="num">${fmt(l.dsp)}</td><td class="bar">${miniBar(l.dsp, maxDsp, layerColour(i))}</td>
  <td class="num">${fmt(l.cycles)}</td><td class="bar">${miniBar(l.cycles, maxCycles, layerColour(i))}</td>
</tr>`,
    )
    .join('\n');
  const layerTable =
    layers.length > 0
      ? `<h2>Per layer</h2><table class="layers"><tr><th>layer</th><th colspan="2">block RAM</th><th colspan="2">DSP</th><th colspan="2">cycles/token</th></tr>${rows}</table>`
      : `<p class="sub">Per-layer costs appear when the server answers <code>bramble.estimate</code>.</p>`;
  const status = budget.overBudget
    ? `<span class="verdict fail">Over budget</span>`
    : `<span class="verdict pass">Fits</span>`;
  const body = `<h1>${escapeHtml(budget.target || 'target')} on ${escapeHtml(budget.device || 'unknown part')}</h1>
<div class="sub">${escapeHtml(speed)}</div>
${status}
${gauges}
${cyclesGauge}
${legend}
${layerTable}`;
  return page(`Bramble budget — ${budget.target}`, body, nonce, cspSource);
}

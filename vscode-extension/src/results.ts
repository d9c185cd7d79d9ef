import { parseBudget, resourceKind } from './budget';

// The JSON results of the server's commands (bramble.emit, bramble.simulate, bramble.synth,
// bramble.estimate), read tolerantly: a field the server does not send is simply left out
// of the view, never shown as "undefined".

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (isRecord(v) && typeof v.path === 'string') return [v.path];
    return [];
  });
}

export interface SimulationResult {
  bitExact?: boolean;
  steps?: number;
  logitsCompared?: number;
  cyclesPerTokenMeasured?: number;
  cyclesPerTokenPredicted?: number;
  /** Generated text, one entry per sample. */
  samples: string[];
  simulator?: string;
  wallSeconds?: number;
  /** Where the first logit differs, as the server describes it. */
  firstMismatch?: string;
  /** Files the command wrote (RTL, ROM images, testbench). */
  files: string[];
  outputDirectory?: string;
}

function describeMismatch(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  }
  return String(value);
}

function sampleTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (typeof v === 'string') return [v];
    if (isRecord(v) && typeof v.text === 'string') return [v.text];
    return [];
  });
}

/** A simulation result, possibly nested as `{simulation: {...}, emit: {files}}`. */
export function parseSimulationResult(value: unknown): SimulationResult | undefined {
  if (!isRecord(value)) return undefined;
  const sim = isRecord(value.simulation) ? value.simulation : value;
  const emit = isRecord(value.emit) ? value.emit : value;
  const result: SimulationResult = {
    bitExact: typeof sim.bitExact === 'boolean' ? sim.bitExact : undefined,
    steps: num(sim.steps),
    logitsCompared: num(sim.logitsCompared),
    cyclesPerTokenMeasured: num(sim.cyclesPerTokenMeasured),
    cyclesPerTokenPredicted: num(sim.cyclesPerTokenPredicted),
    samples: sampleTexts(sim.samples ?? sim.text),
    simulator: str(sim.simulator),
    wallSeconds: num(sim.wallSeconds),
    firstMismatch: describeMismatch(sim.firstMismatch),
    files: strings(emit.files ?? sim.files),
    outputDirectory: str(emit.outputDirectory ?? emit.directory ?? sim.outputDirectory),
  };
  if (result.bitExact === undefined && result.steps === undefined && result.samples.length === 0) return undefined;
  return result;
}

export interface EmitResult {
  files: string[];
  outputDirectory?: string;
}

export function parseEmitResult(value: unknown): EmitResult | undefined {
  if (!isRecord(value)) return undefined;
  const files = strings(value.files);
  const outputDirectory = str(value.outputDirectory ?? value.directory ?? value.dir);
  if (files.length === 0 && outputDirectory === undefined) return undefined;
  return { files, outputDirectory };
}

export interface LayerCost {
  name: string;
  bram: number;
  dsp: number;
  cycles: number;
  lut?: number;
}

export interface Estimate {
  target?: string;
  device?: string;
  /** The family's block RAM name (M10K, RAMB18, SB_RAM40_4K...), for labels. */
  bramUnit?: string;
  layers: LayerCost[];
  used: { bram?: number; dsp?: number; lut?: number; cyclesPerToken?: number; tokensPerSecond?: number };
  capacity: { bram?: number; dsp?: number; lut?: number; cyclesPerToken?: number };
}

/**
 * A `bramble.estimate` result (the server's EstimateJson: top-level bram/dsp/lut used,
 * `device {name, bram, dsp, lut}` capacities, `layers [{name, bram, dsp, cycles}]`), reduced
 * to what the budget view draws. Also accepts `totals: {bram: {used, total}}` forms.
 */
export function parseEstimate(value: unknown): Estimate | undefined {
  if (!isRecord(value)) return undefined;
  const rawLayers = Array.isArray(value.layers) ? value.layers : [];
  const layers: LayerCost[] = rawLayers.flatMap((raw) => {
    if (!isRecord(raw)) return [];
    const name = str(raw.layer) ?? str(raw.path) ?? str(raw.name);
    if (name === undefined) return [];
    return [
      {
        name,
        bram: firstNumber(raw, ['bram', 'bram18', 'blockRams', 'blockRam']) ?? 0,
        dsp: firstNumber(raw, ['dsp', 'dsps']) ?? 0,
        cycles: firstNumber(raw, ['cycles', 'cyclesPerToken']) ?? 0,
        lut: firstNumber(raw, ['lut', 'luts', 'logic']),
      },
    ];
  });
  // The language server answers in the bramble/budget form plus layers; use the one parser.
  const budget = parseBudget(value);
  const bramItem = Array.isArray(value.items)
    ? value.items.find((i) => isRecord(i) && typeof i.resource === 'string' && resourceKind(i.resource) === 'bram')
    : undefined;
  if (budget) {
    return {
      target: budget.target || undefined,
      device: budget.device || undefined,
      bramUnit: isRecord(bramItem) ? str(bramItem.resource) : str(value.bramUnit),
      layers,
      used: { bram: budget.bram.used, dsp: budget.dsp.used, lut: budget.lut?.used, cyclesPerToken: budget.cyclesPerToken, tokensPerSecond: budget.tokensPerSecond },
      capacity: { bram: budget.bram.total, dsp: budget.dsp.total, lut: budget.lut?.total, cyclesPerToken: budget.cyclesPerToken },
    };
  }
  const totals = isRecord(value.totals) ? value.totals : value;
  const device = isRecord(value.device) ? value.device : undefined;
  return {
    target: str(value.target),
    device: device ? str(device.name) : str(value.device),
    bramUnit: str(value.bramUnit),
    layers,
    used: {
      bram: firstNumber(totals, ['bram']),
      dsp: firstNumber(totals, ['dsp']),
      lut: firstNumber(totals, ['lut']),
      cyclesPerToken: num(totals.cyclesPerToken),
      tokensPerSecond: num(totals.tokensPerSecond),
    },
    capacity: {
      bram: totalOf(totals, 'bram') ?? (device ? num(device.bram) : undefined),
      dsp: totalOf(totals, 'dsp') ?? (device ? num(device.dsp) : undefined),
      lut: totalOf(totals, 'lut') ?? (device ? num(device.lut) : undefined),
      cyclesPerToken: num(totals.cyclesPerToken),
    },
  };
}

/** A number stored plainly or as `{used}` under the first of `keys` present. */
function firstNumber(record: Record<string, unknown>, keys: string[]): number | undefined {
  for (const key of keys) {
    const v = record[key];
    if (isRecord(v)) {
      const used = num(v.used);
      if (used !== undefined) return used;
    }
    const n = num(v);
    if (n !== undefined) return n;
  }
  return undefined;
}

function totalOf(record: Record<string, unknown>, key: string): number | undefined {
  const v = record[key];
  return isRecord(v) ? num(v.total) : undefined;
}

// The `bramble/budget` notification: parsing it (the one place that knows its JSON shape)
// and turning it into the status bar text. No VS Code API here, so it is unit-tested in node.

export interface Usage {
  used: number;
  total: number;
}

export interface Budget {
  uri: string;
  /** Document version the server analysed; older notifications than the last one are dropped. */
  version?: number;
  /** The target's `budget N %` line (default 80): drawn as the limit in the budget view. */
  budgetPercent?: number;
  target: string;
  device: string;
  bram: Usage;
  dsp: Usage;
  lut?: Usage;
  cyclesPerToken?: number;
  tokensPerSecond?: number;
  overBudget: boolean;
  /** The part's names for its block RAM and logic units (M10K, ALM...), when the server gives them. */
  units?: { bram?: string; lut?: string };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function usage(value: unknown): Usage | undefined {
  if (!isRecord(value)) return undefined;
  const used = finiteNumber(value.used);
  const total = finiteNumber(value.total);
  return used === undefined || total === undefined ? undefined : { used, total };
}

/** Which of the three status-bar resources an item's `resource` name means (catalogue names vary by family). */
export function resourceKind(name: string): 'bram' | 'dsp' | 'lut' | undefined {
  const n = name.toLowerCase();
  if (/dsp|mult|mac/.test(n)) return 'dsp';
  if (/bram|block ?ram|ram|m10k|m9k|ebr|bsram|dp16kd|rom/.test(n)) return 'bram';
  if (/lut|alm|logic|lc|slice/.test(n)) return 'lut';
  return undefined;
}

/** The server's list form: `items: [{resource, used, available, percent}]`. */
function usagesFromItems(items: unknown): Partial<Record<'bram' | 'dsp' | 'lut', Usage & { name: string }>> {
  const found: Partial<Record<'bram' | 'dsp' | 'lut', Usage & { name: string }>> = {};
  if (!Array.isArray(items)) return found;
  for (const item of items) {
    if (!isRecord(item) || typeof item.resource !== 'string') continue;
    const kind = resourceKind(item.resource);
    const used = finiteNumber(item.used);
    const total = finiteNumber(item.available) ?? finiteNumber(item.total);
    if (kind && !found[kind] && used !== undefined && total !== undefined) found[kind] = { used, total, name: item.resource };
  }
  return found;
}

/**
 * Reads a `bramble/budget` notification's params: either the list form the server sends
 * (`{uri, version, target, device, items: [{resource, used, available, percent}],
 * cyclesPerToken, tokensPerSecond}`) or the flat form (`bram: {used, total}`, `dsp`, `lut`).
 * Returns undefined for anything that is not a budget (the status bar then keeps its last
 * good text rather than showing garbage). `overBudget` is taken from the server when given,
 * else derived from the totals.
 */
export function parseBudget(params: unknown): Budget | undefined {
  if (!isRecord(params)) return undefined;
  const uri = params.uri;
  if (typeof uri !== 'string' || uri.length === 0) return undefined;
  const fromItems = usagesFromItems(params.items);
  const plain = (u: (Usage & { name: string }) | undefined): Usage | undefined => (u ? { used: u.used, total: u.total } : undefined);
  const bram = usage(params.bram) ?? plain(fromItems.bram);
  const dsp = usage(params.dsp) ?? plain(fromItems.dsp);
  if (!bram || !dsp) return undefined;
  const lut = usage(params.lut) ?? plain(fromItems.lut);
  const units = fromItems.bram || fromItems.lut ? { bram: fromItems.bram?.name, lut: fromItems.lut?.name } : undefined;
  const derivedOver = [bram, dsp, lut].some((u) => u !== undefined && u.used > u.total);
  return {
    uri,
    version: finiteNumber(params.version),
    budgetPercent: finiteNumber(params.budgetPercent),
    target: typeof params.target === 'string' ? params.target : '',
    device: typeof params.device === 'string' ? params.device : '',
    bram,
    dsp,
    lut,
    cyclesPerToken: finiteNumber(params.cyclesPerToken),
    tokensPerSecond: finiteNumber(params.tokensPerSecond),
    overBudget: typeof params.overBudget === 'boolean' ? params.overBudget : derivedOver,
    ...(units ? { units } : {}),
  };
}

/** The server's "no estimate" form: `{uri, version, available: false, why, target?}`. */
export interface BudgetUnavailable {
  uri: string;
  version?: number;
  target?: string;
  why: string;
}

export function parseBudgetUnavailable(params: unknown): BudgetUnavailable | undefined {
  if (!isRecord(params) || params.available !== false) return undefined;
  if (typeof params.uri !== 'string' || params.uri.length === 0) return undefined;
  return {
    uri: params.uri,
    version: finiteNumber(params.version),
    target: typeof params.target === 'string' ? params.target : undefined,
    why: typeof params.why === 'string' && params.why ? params.why : 'no estimate',
  };
}

const groupDigits = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `BRAM 38/397 · DSP 16/87 · 312 cyc/tok` — what fits in a status bar. */
export function formatStatusText(budget: Budget): string {
  const parts = [
    `BRAM ${budget.bram.used}/${budget.bram.total}`,
    `DSP ${budget.dsp.used}/${budget.dsp.total}`,
  ];
  if (budget.cyclesPerToken !== undefined) parts.push(`${groupDigits.format(budget.cyclesPerToken)} cyc/tok`);
  return parts.join(' · ');
}

function percent(u: Usage): string {
  return u.total > 0 ? `${Math.round((100 * u.used) / u.total)}%` : 'n/a';
}

/** `1.2k`, `320k`, `4.5M` tokens per second. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(perSecond >= 1e7 ? 0 : 1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(perSecond >= 1e4 ? 0 : 1)}k`;
  return `${Math.round(perSecond)}`;
}

/** The hover text of the status bar item: the part, each resource with its percentage, speed. */
export function formatStatusTooltip(budget: Budget): string {
  const lines = [
    `Bramble target ${budget.target || '(unnamed)'} on ${budget.device || 'unknown part'}` +
      (budget.overBudget ? ' — OVER BUDGET' : ''),
    `Block RAM: ${budget.bram.used} of ${budget.bram.total} (${percent(budget.bram)})`,
    `DSP: ${budget.dsp.used} of ${budget.dsp.total} (${percent(budget.dsp)})`,
  ];
  if (budget.lut) lines.push(`Logic: ${budget.lut.used} of ${budget.lut.total} (${percent(budget.lut)})`);
  if (budget.cyclesPerToken !== undefined) lines.push(`${budget.cyclesPerToken} cycles per token`);
  if (budget.tokensPerSecond !== undefined) lines.push(`${formatRate(budget.tokensPerSecond)} tokens/s`);
  lines.push('Click for the budget view.');
  return lines.join('\n');
}

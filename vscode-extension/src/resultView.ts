// HTML of the result views for Simulate, Generate Verilog and Synthesize. Pure: result in,
// HTML out. File links carry data-file and are opened by the extension on a message.
import { escapeHtml, page } from './html';
import { EmitResult, SimulationResult } from './results';

function fmt(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
}

function fileList(files: string[], outputDirectory: string | undefined): string {
  const dir = outputDirectory
    ? `<p>Output folder: <a data-file="${escapeHtml(outputDirectory)}">${escapeHtml(outputDirectory)}</a></p>`
    : '';
  if (files.length === 0) return dir;
  // Show names relative to the output folder (the full path is the link and its tooltip).
  const shown = (f: string) => (outputDirectory && f.startsWith(outputDirectory + '/') ? f.slice(outputDirectory.length + 1) : f);
  const items = files.map((f) => `<li><a data-file="${escapeHtml(f)}" title="${escapeHtml(f)}">${escapeHtml(shown(f))}</a></li>`).join('');
  return `${dir}<h2>Emitted files</h2><ul class="files">${items}</ul>`;
}

const LINK_SCRIPT = (nonce: string) => `<script nonce="${nonce}">
 const vscode = acquireVsCodeApi();
 document.addEventListener('click', (e) => {
   const a = e.target.closest('a[data-file]');
   if (a) { e.preventDefault(); vscode.postMessage({ open: a.dataset.file }); }
 });
</script>`;

export function verdictText(result: SimulationResult): string {
  if (result.bitExact === true) {
    const n = result.logitsCompared !== undefined ? ` — ${fmt(result.logitsCompared)} logits match the reference` : '';
    return `Bit-exact${n}`;
  }
  if (result.bitExact === false) return 'NOT bit-exact';
  return 'No verdict';
}

export function renderSimulationHtml(result: SimulationResult, title: string, nonce: string, cspSource: string): string {
  const cls = result.bitExact === true ? 'pass' : result.bitExact === false ? 'fail' : 'unknown';
  const rows: [string, string][] = [];
  if (result.cyclesPerTokenMeasured !== undefined) rows.push(['cycles per token (simulated)', fmt(result.cyclesPerTokenMeasured)]);
  if (result.cyclesPerTokenPredicted !== undefined) {
    const same =
      result.cyclesPerTokenMeasured !== undefined
        ? result.cyclesPerTokenMeasured === result.cyclesPerTokenPredicted
          ? ' (= simulated)'
          : ` (differs by ${fmt(result.cyclesPerTokenMeasured - result.cyclesPerTokenPredicted)})`
        : '';
    rows.push(['cycles per token (plan)', fmt(result.cyclesPerTokenPredicted) + same]);
  }
  if (result.steps !== undefined) rows.push(['tokens generated', fmt(result.steps)]);
  if (result.logitsCompared !== undefined) rows.push(['logits compared', fmt(result.logitsCompared)]);
  if (result.simulator) rows.push(['simulator', result.simulator]);
  if (result.wallSeconds !== undefined) rows.push(['wall time', `${fmt(result.wallSeconds)} s`]);
  if (result.firstMismatch) rows.push(['first mismatch', result.firstMismatch]);
  const table = `<table class="kv">${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
  const samples =
    result.samples.length > 0
      ? `<h2>Generated text</h2>${result.samples.map((s) => `<pre class="sample">${escapeHtml(s)}</pre>`).join('')}`
      : '';
  const body = `<h1>${escapeHtml(title)}</h1>
<div class="verdict ${cls}" id="verdict">${escapeHtml(verdictText(result))}</div>
${table}
${samples}
${fileList(result.files, result.outputDirectory)}
${LINK_SCRIPT(nonce)}`;
  return page(title, body, nonce, cspSource);
}

export function renderEmitHtml(result: EmitResult, title: string, nonce: string, cspSource: string): string {
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="sub">${result.files.length} file(s) written.</p>
${fileList(result.files, result.outputDirectory)}
${LINK_SCRIPT(nonce)}`;
  return page(title, body, nonce, cspSource);
}

/** Synthesis results differ per family; show every scalar field and nested cell counts as a table. */
export function renderGenericHtml(value: unknown, title: string, nonce: string, cspSource: string): string {
  const rows: string[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}.${k}` : k, child);
    } else if (Array.isArray(v)) {
      rows.push(`<tr><td>${escapeHtml(prefix)}</td><td>${v.map((x) => escapeHtml(typeof x === 'object' ? JSON.stringify(x) : String(x))).join('<br>')}</td></tr>`);
    } else {
      rows.push(`<tr><td>${escapeHtml(prefix)}</td><td>${escapeHtml(String(v))}</td></tr>`);
    }
  };
  walk('', value);
  return page(title, `<h1>${escapeHtml(title)}</h1><table class="kv">${rows.join('')}</table>`, nonce, cspSource);
}

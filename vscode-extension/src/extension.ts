// Entry point: language client, status bar budget, commands and their views.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, vsdiag } from 'vscode-languageclient/node';
import { Budget, BudgetUnavailable, formatStatusText, formatStatusTooltip, parseBudget, parseBudgetUnavailable } from './budget';
import { renderBudgetHtml } from './budgetView';
import { commandArguments, documentUriOf } from './commandArgs';
import { RestartPolicy } from './restartPolicy';
import { Estimate, parseEmitResult, parseEstimate, parseSimulationResult } from './results';
import { renderEmitHtml, renderGenericHtml, renderSimulationHtml } from './resultView';
import { CommandCancelled, runWithProgress, SERVER_COMMANDS } from './serverCommands';
import { CLIENT_NAME, createClient, javaHomeSetting, locateJava } from './server';
import { isPanelOpen, showPanel } from './views';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
const restarts = new RestartPolicy();
const budgets = new Map<string, Budget>();
/** Files whose latest notification said there is no estimate (no target, unknown part...). */
const unavailable = new Map<string, BudgetUnavailable>();
/** Last document version seen per file: a late notification for an older version is dropped. */
const lastVersion = new Map<string, number>();
let startProblem: string | undefined;
/** The bramble.java.home the running server was started with (a change restarts it). */
let javaHomeAtStart: string | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  statusItem = vscode.window.createStatusBarItem('bramble.budget', vscode.StatusBarAlignment.Left, 50);
  statusItem.name = 'Bramble Budget';
  statusItem.command = 'bramble.showBudget';
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('bramble.generateVerilog', () => paletteCommand(SERVER_COMMANDS.emit)),
    vscode.commands.registerCommand('bramble.simulateDesign', () => paletteCommand(SERVER_COMMANDS.simulate)),
    vscode.commands.registerCommand('bramble.synthesize', () => paletteCommand(SERVER_COMMANDS.synth)),
    vscode.commands.registerCommand('bramble.buildBitstream', () => paletteCommand(SERVER_COMMANDS.build)),
    vscode.commands.registerCommand('bramble.showBudget', () => showBudget()),
    vscode.commands.registerCommand('bramble.restartServer', () => restartServer(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('bramble.java.home')) return;
      // The event comes after the new value is in place, so a restart reads it. Compared with
      // the value the server started with, so an unrelated edit of the same section does not
      // restart it.
      const javaHome = javaHomeSetting();
      if (javaHome === javaHomeAtStart) return;
      output.appendLine(`bramble.java.home is now "${javaHome ?? ''}": restarting the language server.`);
      void restartServer(context);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      budgets.delete(doc.uri.toString());
      unavailable.delete(doc.uri.toString());
      lastVersion.delete(doc.uri.toString());
      updateStatus();
    }),
  );
  updateStatus();
  await startServer(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}

/** Restarts run one after another: two at once (a setting saved twice, the command clicked twice) could each start a server. */
let restarting: Promise<void> = Promise.resolve();

function restartServer(context: vscode.ExtensionContext): Promise<void> {
  restarting = restarting.catch(() => undefined).then(() => freshStart(context));
  return restarting;
}

/** A fresh start, not client.restart(): the user may have just fixed bramble.java.home. */
async function freshStart(context: vscode.ExtensionContext): Promise<void> {
  restarts.reset();
  startProblem = undefined;
  // Budgets came from the old server; the new one (or the reason it cannot start) replaces them.
  budgets.clear();
  unavailable.clear();
  lastVersion.clear();
  updateStatus();
  const old = client;
  client = undefined;
  if (old) {
    await old.stop().catch(() => undefined);
    await old.dispose().catch(() => undefined);
  }
  await startServer(context);
}

async function startServer(context: vscode.ExtensionContext): Promise<void> {
  javaHomeAtStart = javaHomeSetting();
  const java = await locateJava(javaHomeAtStart);
  if (!java.ok) {
    startProblem = 'Bramble: Java 17+ missing';
    output.appendLine(java.message);
    updateStatus();
    // Not awaited: activation must finish while the message waits for the user.
    void vscode.window.showErrorMessage(java.message, 'Open Settings').then((choice) => {
      if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'bramble.java.home');
    });
    return;
  }
  output.appendLine(`Using Java ${java.version} from ${java.source}: ${java.executable}`);
  try {
    client = createClient(context, java.executable, output, restarts, {
      // The server both pushes diagnostics and answers pulls; VS Code keeps the two in separate
      // collections, so every problem was listed twice (seen in the e2e). Keep the push — the
      // server's debounced path that never publishes a stale version — and answer pulls here.
      provideDiagnostics: () => ({ kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] }),
      executeCommand: (command, args, next) =>
        Object.values(SERVER_COMMANDS).includes(command as never) ? serverCommand(command, args) : next(command, args),
    }, () => {
      startProblem = 'Bramble: server stopped';
      updateStatus();
    });
  } catch (error) {
    startProblem = 'Bramble: server missing';
    updateStatus();
    void vscode.window.showErrorMessage(String((error as Error).message));
    return;
  }
  client.onNotification('bramble/budget', (params: unknown) => onBudgetNotification(params));
  const started = client;
  context.subscriptions.push({ dispose: () => void started.dispose() });
  startProblem = undefined;
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The language server did not start: ${(error as Error).message}`);
  }
}

function onBudgetNotification(params: unknown): void {
  const budget = parseBudget(params);
  const missing = budget ? undefined : parseBudgetUnavailable(params);
  const uriText = budget?.uri ?? missing?.uri;
  if (!uriText) {
    output.appendLine(`Ignored a bramble/budget notification of unexpected shape: ${JSON.stringify(params)}`);
    return;
  }
  const uri = normalise(uriText);
  const version = budget?.version ?? missing?.version;
  if (version !== undefined) {
    if (version < (lastVersion.get(uri) ?? -Infinity)) return;
    lastVersion.set(uri, version);
  }
  if (budget) {
    budgets.set(uri, budget);
    unavailable.delete(uri);
  } else if (missing) {
    budgets.delete(uri);
    unavailable.set(uri, missing);
  }
  updateStatus();
  if (isPanelOpen('budget') && uri === activeBrambleUri()) void showBudget(false);
}

/** VS Code and the server may spell the same file URI differently (e.g. %3A); compare parsed forms. */
function normalise(uri: string): string {
  try {
    return vscode.Uri.parse(uri).toString();
  } catch {
    return uri;
  }
}

function activeBrambleUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'bramble' ? doc.uri.toString() : undefined;
}

function updateStatus(): void {
  const uri = activeBrambleUri();
  if (!uri) {
    statusItem.hide();
    return;
  }
  const budget = budgets.get(uri);
  if (budget) {
    statusItem.text = `$(circuit-board) ${formatStatusText(budget)}`;
    statusItem.tooltip = formatStatusTooltip(budget);
    statusItem.backgroundColor = budget.overBudget ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  } else if (!startProblem && unavailable.has(uri)) {
    const why = unavailable.get(uri)!.why;
    statusItem.text = '$(circuit-board) Bramble: no budget';
    statusItem.tooltip = `No budget: ${why}`;
    statusItem.backgroundColor = undefined;
  } else {
    statusItem.text = startProblem ? `$(error) ${startProblem}` : '$(circuit-board) Bramble';
    statusItem.tooltip = startProblem ?? 'Bramble: waiting for the first budget from the language server';
    statusItem.backgroundColor = startProblem ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
  statusItem.show();
}

function requireClient(): LanguageClient | undefined {
  if (client?.isRunning()) return client;
  void vscode.window.showErrorMessage(
    startProblem
      ? `${startProblem}. See the "${CLIENT_NAME}" output.`
      : 'The Bramble language server is not running; see its output, or run "Bramble: Restart Language Server".',
  );
  return undefined;
}

async function paletteCommand(command: string): Promise<unknown> {
  const uri = activeBrambleUri();
  if (!uri) {
    void vscode.window.showWarningMessage('Open a .bramble file first.');
    return undefined;
  }
  await vscode.window.activeTextEditor?.document.save();
  const target = vscode.workspace.getConfiguration('bramble').get<string>('defaultTarget') || budgets.get(uri)?.target;
  return serverCommand(command, commandArguments(uri, target));
}

const TITLES: Record<string, string> = {
  [SERVER_COMMANDS.emit]: 'Bramble: Generating Verilog',
  [SERVER_COMMANDS.simulate]: 'Bramble: Simulating',
  [SERVER_COMMANDS.synth]: 'Bramble: Synthesizing',
  [SERVER_COMMANDS.build]: 'Bramble: Building for the board',
  [SERVER_COMMANDS.estimate]: 'Bramble: Estimating',
};

/** Every server command, from a code lens or the palette, goes through here: progress, then a view. */
async function serverCommand(command: string, args: unknown[]): Promise<unknown> {
  const running = requireClient();
  if (!running) return undefined;
  const docUri = documentUriOf(args);
  const folder = docUri ? path.dirname(vscode.Uri.parse(docUri).fsPath) : undefined;
  let result: unknown;
  // Simulation runs in a scratch folder; emitting first gives the user the files to open.
  let emitted: ReturnType<typeof parseEmitResult>;
  if (command === SERVER_COMMANDS.simulate) {
    try {
      emitted = parseEmitResult(await runWithProgress(running, TITLES[SERVER_COMMANDS.emit], SERVER_COMMANDS.emit, args));
    } catch (error) {
      if (error instanceof CommandCancelled) {
        void vscode.window.showInformationMessage(error.message);
        return undefined;
      }
      output.appendLine(`Emitting before simulation failed (simulating anyway): ${(error as Error).message}`);
    }
  }
  try {
    result = await runWithProgress(running, TITLES[command] ?? command, command, args);
  } catch (error) {
    if (error instanceof CommandCancelled) {
      void vscode.window.showInformationMessage(error.message);
    } else {
      void vscode.window.showErrorMessage(`${TITLES[command] ?? command} failed: ${(error as Error).message}`);
    }
    return undefined;
  }
  output.appendLine(`${command} → ${JSON.stringify(result)}`);
  if (command === SERVER_COMMANDS.simulate) {
    const sim = parseSimulationResult(result);
    if (sim && emitted && sim.files.length === 0) {
      sim.files = emitted.files;
      sim.outputDirectory = sim.outputDirectory ?? emitted.outputDirectory;
    }
    if (sim) {
      // The server says the outcome in a message of its own; the view is ours.
      showPanel('result', 'Bramble: Simulation', (n, csp) => renderSimulationHtml(sim, 'Simulation', n, csp), folder);
    } else {
      showPanel('result', 'Bramble: Simulation', (n, csp) => renderGenericHtml(result, 'Simulation', n, csp), folder);
    }
  } else if (command === SERVER_COMMANDS.emit) {
    const emit = parseEmitResult(result);
    showPanel('result', 'Bramble: Verilog', (n, csp) =>
      emit ? renderEmitHtml(emit, 'Generated Verilog', n, csp) : renderGenericHtml(result, 'Generated Verilog', n, csp), folder);
  } else if (command === SERVER_COMMANDS.estimate) {
    // The budget lens above a target runs bramble.estimate: answer with the picture.
    const estimate = parseEstimate(result);
    const budget = docUri ? budgets.get(normalise(docUri)) : undefined;
    showPanel('budget', `Budget${estimate?.target ? ` — ${estimate.target}` : ''}`, (n, csp) =>
      renderBudgetHtml(budget, estimate, n, csp, budget?.budgetPercent), folder);
  } else if (command === SERVER_COMMANDS.synth) {
    showPanel('result', 'Bramble: Synthesis', (n, csp) => renderGenericHtml(result, 'Synthesis', n, csp), folder);
  } else if (command === SERVER_COMMANDS.build) {
    // timing met or not, the reached clock and the path to the .bin (or the project folder)
    showPanel('result', 'Bramble: Board build', (n, csp) => renderGenericHtml(result, 'Board build', n, csp), folder);
  }
  return result;
}

async function showBudget(reveal = true): Promise<void> {
  const uri = activeBrambleUri() ?? [...budgets.keys()].pop();
  const budget = uri ? budgets.get(uri) : undefined;
  let estimate: Estimate | undefined;
  if (uri && client?.isRunning()) {
    // Per-layer costs come from bramble.estimate; the notification only carries totals.
    try {
      const target = budget?.target || vscode.workspace.getConfiguration('bramble').get<string>('defaultTarget') || undefined;
      const raw = await client.sendRequest('workspace/executeCommand', {
        command: SERVER_COMMANDS.estimate,
        arguments: commandArguments(uri, target),
      });
      estimate = parseEstimate(raw);
    } catch (error) {
      output.appendLine(`bramble.estimate failed, showing totals only: ${(error as Error).message}`);
    }
  }
  if (!reveal && !isPanelOpen('budget')) return;
  const target = budget?.target || estimate?.target;
  showPanel('budget', `Budget${target ? ` — ${target}` : ''}`, (n, csp) => renderBudgetHtml(budget, estimate, n, csp, budget?.budgetPercent), undefined);
}

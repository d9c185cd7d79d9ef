// End-to-end test of the real extension in real VS Code: code-server 4.100.3 (VS Code 1.100.3)
// served locally and driven in headless Debian Chromium by playwright-core.
//
// Steps (each saves a screenshot under vscode-extension/target/):
//   1 install the .vsix into code-server
//   2 open microgpt.bramble; the TextMate grammar colours keywords, names, numbers, comments
//   3 the status bar shows the budget (BRAM a/b · DSP c/d · n cyc/tok); its view opens on click
//   4 change `dim` to 512: an error appears in the Problems panel
//   5 the "Generate Verilog" code lens: the result view lists the emitted files
//     "Bramble: Simulate": the result view shows the bit-exact verdict
//   6 a wrong `bramble.java.home`: the server restarts, the message says what to install;
//     removing the setting brings the budget back
// Prints one line per step and closes with "N passed, N failed".
//
// Usage: node e2e/e2e.mjs <path to .vsix>   (tools from e2e/install-tools.sh)
import { execFileSync, spawn } from 'child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { createServer } from 'net';
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';

const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(extensionDir, '..');
const toolsDir = process.env.BRAMBLE_E2E_TOOLS || join(process.env.HOME || '/root', '.cache', 'bramble-e2e');
const codeServer = join(toolsDir, 'code-server', 'node_modules', '.bin', 'code-server');
const { chromium } = createRequire(join(toolsDir, 'code-server', 'package.json'))('playwright-core');

const vsix = resolve(process.argv[2] || '');
if (!process.argv[2] || !existsSync(vsix)) {
  console.error(`usage: node e2e/e2e.mjs <bramble-x.y.z.vsix>; ${vsix} does not exist (run npm run package)`);
  process.exit(2);
}

const out = join(extensionDir, 'target');
const work = join(out, 'e2e');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const userData = join(work, 'user-data');
const extensions = join(work, 'extensions');
// The test edits the design, so it works on a copy of the example, never the repository's file.
const workspace = join(work, 'workspace');
cpSync(join(repoRoot, 'examples', 'microgpt'), join(workspace, 'microgpt'), { recursive: true });
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(
  join(userData, 'User', 'settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.tips.enabled': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'files.autoSave': 'off',
      'editor.minimap.enabled': false,
      'chat.disableAIFeatures': true,
      'git.openRepositoryInParentFolders': 'never',
      'bramble.trace.server': 'messages',
    },
    null,
    2,
  ),
);

const results = [];
const timings = {};
function log(message) {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function step(name, screenshotName, body) {
  const started = Date.now();
  try {
    const detail = await body();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name, ok: true, detail, seconds });
    log(`PASS ${name} (${seconds} s)${detail ? ': ' + detail : ''}`);
  } catch (error) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name, ok: false, detail: error.message.split('\n')[0], seconds });
    log(`FAIL ${name} (${seconds} s): ${error.message.split('\n').slice(0, 3).join(' | ')}`);
  } finally {
    if (screenshotName && page) {
      await page.screenshot({ path: join(out, screenshotName) }).catch(() => {});
    }
  }
}

function freePort() {
  return new Promise((res) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

let page;
let browser;
let server;
const serverLog = [];

/** The innermost frame of a webview whose body contains `text`. */
async function webviewFrameWith(text, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // Only webview frames: the workbench itself may show the same words in a notification.
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      try {
        const body = await frame.evaluate(() => document.body?.innerText ?? '');
        if (body.includes(text)) return { frame, body };
      } catch {
        /* frame went away */
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no webview showed "${text}" within ${ms / 1000} s`);
}

/**
 * Rejects as soon as VS Code shows an error notification from Bramble (e.g. the server is not
 * running), so a step fails in seconds with the reason instead of timing out.
 */
function failOnBrambleError(ms) {
  let stop = false;
  const promise = (async () => {
    const end = Date.now() + ms;
    while (!stop && Date.now() < end) {
      const toasts = await page
        .locator('.notifications-toasts .notification-toast:has(.codicon-error)')
        .allInnerTexts()
        .catch(() => []);
      const ours = toasts.find((t) => /bramble/i.test(t));
      if (ours) throw new Error(`error notification: ${ours.replace(/\s+/g, ' ').trim()}`);
      // Toasts hide after a while; the extension's status item keeps saying why it has no server.
      const status = await page.locator('.part.statusbar .statusbar-item').allInnerTexts().catch(() => []);
      const stopped = status.find((t) => /Bramble: (server stopped|server missing|Java 17\+ missing)/.test(t));
      if (stopped) throw new Error(`status bar: ${stopped.trim()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return new Promise(() => {}); // never resolves by itself
  })();
  return { promise, cancel: () => (stop = true) };
}

async function raceErrors(work, ms) {
  const watch = failOnBrambleError(ms);
  try {
    return await Promise.race([work, watch.promise]);
  } finally {
    watch.cancel();
  }
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 15_000 });
  await page.keyboard.press('Enter');
}

async function statusBarText() {
  return (await page.locator('.part.statusbar').innerText().catch(() => '(none)')).replace(/\s+/g, ' ');
}

async function replaceLine(lineNumber, text) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(String(lineNumber));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  // One edit, as a paste would be: typing key by key would publish errors for half-typed lines.
  await page.keyboard.insertText(text);
}

try {
  await step('install the .vsix into code-server', null, async () => {
    const started = Date.now();
    const text = execFileSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], {
      encoding: 'utf8',
    });
    timings.installSeconds = (Date.now() - started) / 1000;
    const listed = execFileSync(codeServer, ['--user-data-dir', userData, '--extensions-dir', extensions, '--list-extensions', '--show-versions'], {
      encoding: 'utf8',
    });
    if (!/bramble\.bramble@/.test(listed)) throw new Error(`not listed after install: ${text} ${listed}`);
    return listed.trim();
  });

  const port = await freePort();
  const started = Date.now();
  server = spawn(
    codeServer,
    [
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userData, '--extensions-dir', extensions,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      workspace,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
  timings.codeServerStartSeconds = (Date.now() - started) / 1000;

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const loadStarted = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
  timings.workbenchLoadSeconds = (Date.now() - loadStarted) / 1000;

  await step('open microgpt.bramble: highlighting and Bramble language mode', 'e2e-1-highlighting.png', async () => {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('microgpt.bramble');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines .view-line', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent?.includes('microgpt'));
    await page.waitForSelector('.statusbar-item[id="status.editor.mode"]:has-text("Bramble")', { timeout: 30_000 });
    // Let tokenization (and semantic tokens, if the server sends them) settle.
    await page.waitForTimeout(1500);
    const colours = await page.evaluate(() => {
      const colourOf = (text) => {
        for (const span of document.querySelectorAll('.monaco-editor .view-lines .view-line span span')) {
          // Monaco renders spaces as U+00A0.
          if (span.textContent.replace(/\u00a0/g, ' ').trim() === text) return getComputedStyle(span).color;
        }
        return null;
      };
      return Object.fromEntries(
        ['model', 'microgpt', 'embedding', '27', 'q4.12', '// Karpathy\'s microGPT.', 'relu'].map((t) => [t, colourOf(t)]),
      );
    });
    const missing = Object.entries(colours).filter(([, c]) => c === null).map(([t]) => t);
    if (missing.length) throw new Error(`tokens not found as their own spans: ${missing.join(', ')} (${JSON.stringify(colours)})`);
    const distinct = new Set(Object.values(colours));
    if (distinct.size < 4) throw new Error(`only ${distinct.size} colours: ${JSON.stringify(colours)}`);
    if (colours.model === colours.microgpt || colours['27'] === colours.model || colours["// Karpathy's microGPT."] === colours.model) {
      throw new Error(`keyword, name, number and comment should differ: ${JSON.stringify(colours)}`);
    }
    return `${distinct.size} distinct colours: ${JSON.stringify(colours)}`;
  });

  const budgetItem = page.locator('.part.statusbar .statusbar-item', { hasText: /BRAM \d+\/\d+ · DSP \d+\/\d+/ });
  await step('status bar shows the budget; clicking opens the budget view', 'e2e-2-budget.png', async () => {
    const started = Date.now();
    await raceErrors(budgetItem.first().waitFor({ timeout: 90_000 }), 90_000);
    timings.firstBudgetSeconds = (Date.now() - started) / 1000;
    const text = (await budgetItem.first().innerText()).trim();
    await budgetItem.first().click();
    const { body } = await webviewFrameWith('Block RAM', 30_000);
    if (!/DSP/.test(body)) throw new Error(`budget view lacks DSP: ${body.slice(0, 200)}`);
    return `status "${text}"`;
  });
  // Back to the editor, budget view (if any) stays beside it.
  await page.keyboard.press('Control+1').catch(() => {});

  await step('dim = 512: the error appears in the Problems panel', 'e2e-3-problems.png', async () => {
    await replaceLine(5, 'dim     = 512');
    await page.keyboard.press('Control+Shift+M');
    // The budget error names the resource that overflows; a syntax error would not.
    const started = Date.now();
    const errorText = await raceErrors(
      page
        .waitForFunction(
          () => {
            for (const row of document.querySelectorAll('.markers-panel .monaco-tl-row')) {
              const text = row.innerText.replace(/\s+/g, ' ');
              // The budget diagnostic's code, not the word 'bram' (every row's source is 'bramble').
              if (row.querySelector('.codicon-error') && /\b(bram|dsp|logic)-over\b/.test(text)) return text;
            }
            return false;
          },
          null,
          { timeout: 60_000, polling: 250 },
        )
        .then((h) => h.jsonValue()),
      60_000,
    );
    timings.problemAfterEditSeconds = (Date.now() - started) / 1000;
    // The budget follows the diagnostics: wait until the status item turns to the new totals.
    await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('.part.statusbar .statusbar-item')].some((el) => {
            const m = /BRAM (\d+)\/(\d+)/.exec(el.innerText);
            return m && Number(m[1]) > Number(m[2]);
          }),
        null,
        { timeout: 15_000 },
      )
      .catch(() => {});
    await page.waitForTimeout(1000);
    const rows = await page.locator('.markers-panel .monaco-tl-row').allInnerTexts();
    const texts = rows.map((r) => r.replace(/\s+/g, ' ').trim());
    const twice = texts.filter((t, i) => texts.indexOf(t) !== i);
    if (twice.length) throw new Error(`problems listed twice (push and pull both shown?): ${twice[0]}`);
    const statusRed = await budgetItem.first().evaluate((el) => getComputedStyle(el).backgroundColor).catch(() => 'n/a');
    return `${rows.length} rows; budget error: ${errorText.slice(0, 200)}; budget item background ${statusRed}`;
  });

  await step('the "Generate Verilog" code lens runs bramble.emit and lists the files', 'e2e-4a-emit-lens.png', async () => {
    await replaceLine(5, 'dim     = 16');
    await page.keyboard.press('Control+S');
    // The lens sits above `target de1soc`, near the end of the file.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate Verilog' });
    await lens.first().waitFor({ timeout: 30_000 });
    await lens.first().click();
    const { body } = await raceErrors(webviewFrameWith('file(s) written', 120_000), 120_000);
    const count = /(\d+) file\(s\) written/.exec(body)?.[1];
    if (!count || Number(count) === 0) throw new Error(`no files listed: ${body.slice(0, 200)}`);
    if (!/\.v\b/.test(body)) throw new Error(`no Verilog file listed: ${body.slice(0, 300)}`);
    return `${count} files written`;
  });

  await step('"Bramble: Simulate" shows the bit-exact verdict', 'e2e-4-simulate.png', async () => {
    await replaceLine(5, 'dim     = 16');
    await page.keyboard.press('Control+S');
    const started = Date.now();
    await runCommand('Bramble: Simulate');
    const { frame, body } = await raceErrors(webviewFrameWith('Bit-exact', 600_000), 600_000);
    timings.simulateSeconds = (Date.now() - started) / 1000;
    const verdict = await frame.evaluate(() => document.getElementById('verdict')?.innerText ?? '');
    if (!/^Bit-exact/.test(verdict)) throw new Error(`the result view's verdict is "${verdict}"`);
    await page.waitForTimeout(500);
    return `${verdict} | ${body.replace(/\s+/g, ' ').slice(0, 160)}`;
  });

  await step('a wrong bramble.java.home: the extension restarts the server, says what to install, and recovers when the setting goes', 'e2e-5-no-java.png', async () => {
    // Through VS Code's own settings editor, so the change is applied at once (code-server
    // notices edits of the file on disk only after a while).
    await runCommand('Preferences: Open User Settings (JSON)');
    await page.locator('.tabs-container .tab', { hasText: 'settings.json' }).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    // A new first entry right after the opening brace (no brackets typed, so nothing auto-closes).
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('"bramble.java.home": "/nonexistent/jdk",');
    await page.keyboard.press('Control+S');
    // The extension restarts the server by itself; the design's status item says why there is no budget.
    await page.locator('.tabs-container .tab', { hasText: 'microgpt.bramble' }).first().click();
    const missing = page.locator('.part.statusbar .statusbar-item', { hasText: 'Java 17+ missing' });
    await missing.first().waitFor({ timeout: 60_000 }).catch(async () => {
      throw new Error(`no "Java 17+ missing" status after the setting changed; status bar: ${await statusBarText()}`);
    });
    // The message: its toast, or the notification centre, which keeps every message (a toast
    // can be hidden again before we look).
    let message = page.locator('.notifications-toasts .notification-toast', { hasText: 'needs Java 17 or newer' });
    if (!(await message.first().isVisible())) {
      await runCommand('Notifications: Show Notifications');
      message = page.locator('.notifications-center .notification-list-item', { hasText: 'needs Java 17 or newer' });
      await message.first().waitFor({ timeout: 20_000 }).catch(async () => {
        const shown = await page.locator('.notifications-center .notification-list-item').allInnerTexts();
        throw new Error(`no "needs Java 17 or newer" message; the notification centre holds ${JSON.stringify(shown)}`);
      });
    }
    const text = (await message.first().innerText()).replace(/\s+/g, ' ');
    if (!/bramble\.java\.home \(\/nonexistent\/jdk\): no java found/.test(text)) throw new Error(`message does not name the setting: ${text}`);
    if (!/openjdk-17-jre-headless/.test(text)) throw new Error(`message does not say what to install: ${text}`);
    // Activation must not wait for the user to answer the message.
    await page.waitForFunction(() => !document.querySelector('.part.statusbar')?.innerText.includes('Activating Extensions'), null, { timeout: 20_000 });
    // Removing the setting again brings the server (and the budget) back, with no reload.
    await page.locator('.tabs-container .tab', { hasText: 'settings.json' }).first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Shift+K');
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab', { hasText: 'microgpt.bramble' }).first().click();
    await budgetItem.first().waitFor({ timeout: 90_000 }).catch(async () => {
      throw new Error(`no budget after removing the setting; status bar: ${await statusBarText()}`);
    });
    return `${text.slice(0, 200)} | then "${(await budgetItem.first().innerText()).trim()}"`;
  });
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.kill('SIGTERM');
  writeFileSync(join(out, 'e2e-code-server.log'), serverLog.join(''));
  // The extension's output channel (server stderr, traces) is the first place to look on failure.
  try {
    const found = execFileSync('find', [join(userData, 'logs'), '-name', '*Bramble Language Server.log'], { encoding: 'utf8' }).trim().split('\n')[0];
    if (found) cpSync(found, join(out, 'e2e-bramble-output.log'));
  } catch {
    /* no log: the extension never started */
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  writeFileSync(join(out, 'e2e-results.json'), JSON.stringify({ results, timings }, null, 2));
  console.log(`timings: ${JSON.stringify(timings)}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && results.length === 7 ? 0 : 1;
}

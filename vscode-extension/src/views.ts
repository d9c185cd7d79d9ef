// Webview panels: the budget view and the command result views. The HTML comes from the pure
// renderers; this file only owns panels and opening the files a result links to.
import { randomBytes } from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';

export function nonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const panels = new Map<string, vscode.WebviewPanel>();

/** Shows (or reuses) the panel for `key`, filling it with `render(nonce, cspSource)`. */
export function showPanel(
  key: string,
  title: string,
  render: (nonce: string, cspSource: string) => string,
  baseFolder: string | undefined,
  column: vscode.ViewColumn = vscode.ViewColumn.Beside,
): vscode.WebviewPanel {
  let panel = panels.get(key);
  if (!panel) {
    panel = vscode.window.createWebviewPanel(`bramble.${key}`, title, { viewColumn: column, preserveFocus: true }, { enableScripts: true });
    panels.set(key, panel);
    panel.onDidDispose(() => panels.delete(key));
    panel.webview.onDidReceiveMessage((message: { open?: string }) => {
      if (typeof message.open !== 'string') return;
      const target = path.isAbsolute(message.open) || !baseFolder ? message.open : path.join(baseFolder, message.open);
      void openPath(target);
    });
  } else {
    panel.reveal(undefined, true);
  }
  panel.title = title;
  panel.webview.html = render(nonce(), panel.webview.cspSource);
  return panel;
}

export function isPanelOpen(key: string): boolean {
  return panels.has(key);
}

async function openPath(target: string): Promise<void> {
  const uri = vscode.Uri.file(target);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    } else {
      await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.One });
    }
  } catch {
    void vscode.window.showWarningMessage(`Bramble: ${target} does not exist (any more).`);
  }
}

// HTML escaping and the shared style of Bramble's webviews (theme colours from VS Code).
// Styles may be inline: every bar's width and colour is a style attribute, and a style nonce
// would make the browser ignore 'unsafe-inline' for those attributes. Scripts keep the nonce.
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function page(title: string, body: string, nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>
 body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 20px 20px; }
 h1 { font-size: 1.4em; font-weight: 600; margin-bottom: 2px; }
 .sub { color: var(--vscode-descriptionForeground); margin-bottom: 18px; }
 .verdict { font-size: 1.6em; font-weight: 700; padding: 10px 14px; border-radius: 6px; display: inline-block; margin: 4px 0 16px; }
 .pass { background: rgba(40,167,69,.18); color: var(--vscode-testing-iconPassed, #2ea043); }
 .fail { background: rgba(215,58,73,.18); color: var(--vscode-testing-iconFailed, #f14c4c); }
 .unknown { background: rgba(128,128,128,.18); }
 table.kv td { padding: 3px 14px 3px 0; vertical-align: top; }
 table.kv td:first-child { color: var(--vscode-descriptionForeground); }
 pre.sample { background: var(--vscode-textCodeBlock-background); padding: 8px 10px; border-radius: 4px; white-space: pre-wrap; font-family: var(--vscode-editor-font-family); }
 a { color: var(--vscode-textLink-foreground); cursor: pointer; }
 .gauge { margin: 10px 0 18px; }
 .gauge .label { display: flex; justify-content: space-between; margin-bottom: 4px; }
 .gauge .label b { font-size: 1.1em; }
 .track { position: relative; height: 22px; background: rgba(128,128,128,.18); border-radius: 4px; overflow: hidden; display: flex; }
 .seg { height: 100%; border-right: 1px solid var(--vscode-editor-background); }
 .cap { position: absolute; top: 0; bottom: 0; border-left: 2px dashed var(--vscode-editorWarning-foreground, #cca700); }
 .over .track { outline: 2px solid var(--vscode-errorForeground, #f14c4c); }
 .over .label b { color: var(--vscode-errorForeground, #f14c4c); }
 .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 6px 0 20px; font-size: .9em; }
 .legend span i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; }
 table.layers { border-collapse: collapse; width: 100%; }
 table.layers th { text-align: left; font-weight: 600; color: var(--vscode-descriptionForeground); padding: 4px 8px; }
 table.layers td { padding: 3px 8px; white-space: nowrap; }
 table.layers td.bar { width: 30%; }
 .mini { height: 10px; background: rgba(128,128,128,.15); border-radius: 3px; position: relative; }
 .mini > div { height: 100%; border-radius: 3px; }
 .num { font-variant-numeric: tabular-nums; text-align: right; }
</style></head><body>${body}</body></html>`;
}

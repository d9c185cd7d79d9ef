// Tokenizes the real examples with the real TextMate engine VS Code uses (vscode-textmate +
// oniguruma), so highlighting is checked without a browser.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const root = path.resolve(__dirname, '..', '..');

async function grammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      vsctm.parseRawGrammar(fs.readFileSync(path.join(root, 'syntaxes', 'bramble.tmLanguage.json'), 'utf8'), 'bramble.tmLanguage.json'),
  });
  return (await registry.loadGrammar('source.bramble'))!;
}

/** token text → its innermost scope, for every token of the file. */
async function scopesOf(text: string): Promise<[string, string][]> {
  const g = await grammar();
  let state = vsctm.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim()) out.push([piece.trim(), t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

function scope(tokens: [string, string][], text: string): string | undefined {
  return tokens.find(([t]) => t === text)?.[1];
}

test('microgpt.bramble: keywords, layer kinds, names, numbers, q-formats, strings, comments, device', async () => {
  const source = fs.readFileSync(path.join(root, '..', 'examples', 'microgpt', 'microgpt.bramble'), 'utf8');
  const tokens = await scopesOf(source);
  assert.equal(scope(tokens, 'model'), 'storage.type.model.bramble');
  assert.equal(scope(tokens, 'microgpt'), 'entity.name.type.bramble');
  assert.equal(scope(tokens, 'vocab'), 'variable.other.constant.bramble');
  assert.equal(scope(tokens, '27'), 'constant.numeric.integer.bramble');
  assert.equal(scope(tokens, 'q4.12'), 'constant.numeric.qformat.bramble');
  assert.equal(scope(tokens, '56.25'), 'constant.numeric.decimal.bramble');
  assert.equal(scope(tokens, 'embedding'), 'keyword.other.layer.bramble');
  assert.equal(scope(tokens, 'rmsnorm'), 'keyword.other.layer.bramble');
  assert.equal(scope(tokens, 'attn_wq'), 'entity.name.function.bramble');
  assert.equal(scope(tokens, 'relu'), 'support.function.activation.bramble');
  assert.equal(scope(tokens, '->'), 'keyword.operator.arrow.bramble');
  assert.equal(scope(tokens, '5CSEMA5F31C6'), 'support.constant.device.bramble');
  assert.equal(scope(tokens, 'MHz'), 'keyword.other.unit.bramble');
  assert.equal(scope(tokens, 'bram'), 'constant.language.storage.bramble');
  assert.equal(scope(tokens, 'abcdefghijklmnopqrstuvwxyz'), 'string.quoted.double.bramble');
  assert.equal(scope(tokens, "// Karpathy's microGPT."), 'comment.line.double-slash.bramble');
});

test('block comments span lines; dashed part names stay one token', async () => {
  const tokens = await scopesOf('/* a\n model b */\ntarget t {\n device LFE5U-25F-6BG381C\n}');
  assert.equal(scope(tokens, 'model b'), 'comment.block.bramble');
  assert.equal(scope(tokens, 'LFE5U-25F-6BG381C'), 'support.constant.device.bramble');
  assert.equal(scope(tokens, 'device'), 'keyword.other.target.bramble');
});

test('names-gpt.bramble (issue #16): layer options and key layouts are coloured', async () => {
  const source = fs.readFileSync(path.join(root, '..', 'examples', 'names-gpt', 'names-gpt.bramble'), 'utf8');
  const tokens = await scopesOf(source);
  for (const word of ['bias', 'gain', 'tied', 'keys']) assert.equal(scope(tokens, word), 'keyword.other.bramble', word);
  assert.equal(scope(tokens, 'gelu'), 'support.function.activation.bramble');
  assert.equal(scope(tokens, 'erf'), 'support.function.activation.bramble');
  assert.equal(scope(tokens, 'layernorm'), 'keyword.other.layer.bramble');
  const more = await scopesOf('model m {\n linear q [4 -> 4] from "h.0.c_attn" part 0 of 3 transposed\n}');
  for (const word of ['from', 'part', 'of', 'transposed']) assert.equal(scope(more, word), 'keyword.other.bramble', word);
});

package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.grammar.BrambleLexer;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Position;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.Model;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Completion from the words before the cursor: statement keywords that fit the enclosing block
 * (model, block/residual/attention body, target), the words a statement takes next (layer
 * options, storage kinds, clock units), numeric formats, constants where an expression goes,
 * and part names after {@code device}. Works on tokens, so it works while the line is incomplete.
 */
public final class CompletionService {
    static final List<String> TOP_LEVEL = List.of("model", "target");
    static final List<String> MODEL_FIELDS = List.of("weights", "tokens", "numeric", "input");
    static final List<String> LAYER_KINDS = List.of("embedding", "rmsnorm", "layernorm", "linear", "attention",
            "residual", "block", "sample", "argmax");
    static final List<String> TARGET_FIELDS = List.of("device", "board", "clock", "lanes", "storage", "budget", "baud");
    static final List<String> FORMATS = List.of("q1.7", "q1.15", "q2.14", "q4.12", "q8.8", "q8.24", "q16.16");

    private final Supplier<List<CompletionItem>> devices;

    /** @param devices the catalogue's part names and aliases, with their resources as detail */
    public CompletionService(Supplier<List<CompletionItem>> devices) {
        this.devices = devices;
    }

    public CompletionList complete(DocumentAnalysis analysis, Position cursor, CancelChecker cancel) {
        List<LexedText.Tok> tokens = analysis.lexed().tokens();
        Deque<Integer> openers = new ArrayDeque<>();       // keyword that opened each enclosing brace
        List<LexedText.Tok> line = new ArrayList<>();       // code tokens of the cursor's line before the cursor
        int statementKeyword = -1;
        for (LexedText.Tok t : tokens) {
            if (t.range().end().compareTo(cursor) > 0) break;
            if (t.isComment()) continue;
            if (t.range().start().line() == cursor.line()) line.add(t);
            if (t.type() == BrambleLexer.LBRACE) openers.push(statementKeyword);
            else if (t.type() == BrambleLexer.RBRACE && !openers.isEmpty()) openers.pop();
            if (t.type() == BrambleLexer.MODEL || t.type() == BrambleLexer.TARGET || t.type() == BrambleLexer.BLOCK
                    || t.type() == BrambleLexer.RESIDUAL || t.type() == BrambleLexer.ATTENTION) statementKeyword = t.type();
        }
        // A word the cursor is touching is being typed: the client filters by it, we decide by what precedes it.
        if (!line.isEmpty()) {
            LexedText.Tok last = line.get(line.size() - 1);
            if (last.range().end().equals(cursor) && (last.type() == BrambleLexer.IDENT || LexedText.isKeyword(last.type())
                    || last.type() == BrambleLexer.QFORMAT)) {
                line.remove(line.size() - 1);
            }
        }
        // Drop tokens up to and including the last brace on the line: "block b { lin|" starts a statement.
        for (int i = line.size() - 1; i >= 0; i--) {
            int type = line.get(i).type();
            if (type == BrambleLexer.LBRACE || type == BrambleLexer.RBRACE) {
                line = new ArrayList<>(line.subList(i + 1, line.size()));
                break;
            }
        }
        cancel.checkCanceled();
        List<CompletionItem> items = new ArrayList<>();
        int enclosing = openers.isEmpty() ? -1 : openers.peek();
        if (line.isEmpty()) {
            if (enclosing == -1) keywords(items, TOP_LEVEL, "starts a block");
            else if (enclosing == BrambleLexer.MODEL) {
                keywords(items, MODEL_FIELDS, "model field");
                keywords(items, LAYER_KINDS, "layer");
            } else if (enclosing == BrambleLexer.TARGET) keywords(items, TARGET_FIELDS, "target field");
            else keywords(items, LAYER_KINDS, "layer");
        } else {
            afterWords(analysis, line, enclosing, items);
        }
        return new CompletionList(false, items);
    }

    private void afterWords(DocumentAnalysis analysis, List<LexedText.Tok> line, int enclosing, List<CompletionItem> items) {
        int first = line.get(0).type();
        int last = line.get(line.size() - 1).type();
        boolean openBracket = false;
        for (LexedText.Tok t : line) {
            if (t.type() == BrambleLexer.LBRACK) openBracket = true;
            if (t.type() == BrambleLexer.RBRACK) openBracket = false;
        }
        if (openBracket || last == BrambleLexer.ASSIGN || last == BrambleLexer.HEADS || last == BrambleLexer.LANES
                || last == BrambleLexer.STAR || last == BrambleLexer.PLUS || last == BrambleLexer.MINUS
                || last == BrambleLexer.SLASH || last == BrambleLexer.ARROW || last == BrambleLexer.COMMA && openBracket) {
            constants(analysis, items);
            return;
        }
        switch (first) {
            case BrambleLexer.DEVICE -> { if (line.size() == 1) items.addAll(devices.get()); }
            case BrambleLexer.BOARD -> {
                if (line.size() == 1) keywords(items, dev.bramble.device.DeviceCatalog.standard().boards().stream().map(dev.bramble.device.Board::id).toList(), "board");
            }
            case BrambleLexer.STORAGE -> { if (line.size() == 1) keywords(items, List.of("bram", "lut", "auto"), "where weights live"); }
            case BrambleLexer.CLOCK -> {
                if (last == BrambleLexer.INT || last == BrambleLexer.DECIMAL) keywords(items, List.of("MHz", "kHz", "GHz"), "unit");
            }
            case BrambleLexer.NUMERIC -> {
                if (last == BrambleLexer.NUMERIC) keywords(items, List.of("weights"), "weights' format comes first");
                else if (last == BrambleLexer.COMMA) keywords(items, List.of("activations"), "activations' format");
                else if (last == BrambleLexer.WEIGHTS || last == BrambleLexer.ACTIVATIONS) formats(items);
            }
            case BrambleLexer.INPUT -> { if (last == BrambleLexer.RBRACK) formats(items); }
            case BrambleLexer.WEIGHTS -> {
                if (last == BrambleLexer.WEIGHTS) keywords(items, List.of("random"), "random weights (then: seed N)");
                else if (last == BrambleLexer.RANDOM) keywords(items, List.of("seed"), "seed of the random weights");
                else if (last == BrambleLexer.STRING) keywords(items, List.of("keys"), "the checkpoint's key layout (docs/import.md)");
                else if (last == BrambleLexer.KEYS) keywords(items, List.of("nanogpt", "hf-gpt2"), "checkpoint key layout");
            }
            case BrambleLexer.TOKENS -> { if (last == BrambleLexer.STRING) keywords(items, List.of("bos"), "adds a begin/end-of-sequence token"); }
            case BrambleLexer.LINEAR -> {
                if (afterShape(line)) layerOptions(items, last, List.of("relu", "gelu", "bias", "tied", "weights", "from"));
            }
            case BrambleLexer.EMBEDDING -> {
                if (last == BrambleLexer.RBRACK) keywords(items, List.of("position"), "adds the position's row");
                if (afterShape(line)) layerOptions(items, last, List.of("weights", "from"));
            }
            case BrambleLexer.RMSNORM, BrambleLexer.LAYERNORM -> {
                if (line.size() >= 2) {
                    layerOptions(items, last, first == BrambleLexer.LAYERNORM ? List.of("gain", "bias", "weights", "from")
                            : List.of("gain", "weights", "from"));
                }
            }
            case BrambleLexer.ATTENTION -> { if (last == BrambleLexer.ATTENTION) keywords(items, List.of("heads"), "number of heads"); }
            case BrambleLexer.SAMPLE -> {
                if (last == BrambleLexer.SAMPLE) keywords(items, List.of("temperature"), "softmax temperature");
                else if (last == BrambleLexer.INT || last == BrambleLexer.DECIMAL) keywords(items, List.of("seed"), "sampler seed");
            }
            default -> { }
        }
    }

    /** Whether the line's shape {@code [...]} is closed: options come after it. */
    private static boolean afterShape(List<LexedText.Tok> line) {
        return line.stream().anyMatch(t -> t.type() == BrambleLexer.RBRACK);
    }

    /** A layer's options (docs/language.md), or what follows one that takes words. */
    private static void layerOptions(List<CompletionItem> items, int last, List<String> options) {
        switch (last) {
            case BrambleLexer.GELU -> keywords(items, List.of("erf", "tanh"), "GELU form: erf is PyTorch's nn.GELU(), tanh the default here");
            case BrambleLexer.WEIGHTS -> formats(items);
            case BrambleLexer.TIED, BrambleLexer.FROM, BrambleLexer.PART, BrambleLexer.OF -> { }
            case BrambleLexer.STRING -> keywords(items, List.of("part", "transposed"), "how to take the checkpoint tensor");
            case BrambleLexer.INT -> keywords(items, List.of("of"), "part I of N");
            default -> keywords(items, options, "layer option");
        }
    }

    private static void keywords(List<CompletionItem> items, List<String> words, String detail) {
        for (String w : words) {
            CompletionItem item = new CompletionItem(w);
            item.setKind(CompletionItemKind.Keyword);
            item.setDetail(detail);
            items.add(item);
        }
    }

    private static void formats(List<CompletionItem> items) {
        for (String f : FORMATS) {
            FixedFormat format = FixedFormat.parse(f);
            CompletionItem item = new CompletionItem(f);
            item.setKind(CompletionItemKind.TypeParameter);
            item.setDetail(String.format(Locale.ROOT, "%d-bit signed fixed point, %s … %s", format.totalBits(),
                    trim(format.minValue()), trim(format.maxValue())));
            items.add(item);
        }
    }

    private static void constants(DocumentAnalysis analysis, List<CompletionItem> items) {
        for (Model m : analysis.design().models()) {
            for (Constant c : m.constants()) {
                CompletionItem item = new CompletionItem(c.name());
                item.setKind(CompletionItemKind.Constant);
                item.setDetail("= " + c.value());
                items.add(item);
            }
        }
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}

package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleParser.FileContext;
import dev.bramble.grammar.BrambleParser.LayerContext;
import dev.bramble.grammar.BrambleParser.ModelContext;
import dev.bramble.grammar.BrambleParser.ModelItemContext;
import dev.bramble.grammar.BrambleParser.NumericDeclContext;
import dev.bramble.grammar.BrambleParser.TargetContext;
import dev.bramble.grammar.BrambleParser.TokensDeclContext;
import dev.bramble.grammar.BrambleParser.WeightsDeclContext;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Reference;
import dev.bramble.lang.model.Target;
import dev.bramble.lang.model.TokenSet;
import dev.bramble.lang.model.WeightsSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Syntax tree → semantic {@link Design}: resolves names and widths and validates the result. */
public final class DesignBuilder {
    private final String sourceName;
    private final SourceText source;
    private final Ranges ranges;
    private final List<Diagnostic> diagnostics;
    private final List<Reference> references = new ArrayList<>();

    public DesignBuilder(String sourceName, SourceText source, List<Diagnostic> diagnostics) {
        this.sourceName = sourceName;
        this.source = source;
        this.ranges = new Ranges(source);
        this.diagnostics = diagnostics;
    }

    public Design build(FileContext tree) {
        List<Model> models = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        Map<String, Range> topNames = new HashMap<>();
        for (ModelContext m : tree.model()) {
            if (!Ranges.present(m.name)) continue;
            unique(topNames, "model", m.name.getText(), ranges.of(m.name));
            models.add(model(m));
        }
        TargetResolver targetResolver = new TargetResolver(ranges, diagnostics, references);
        for (TargetContext t : tree.target()) {
            Target target = targetResolver.resolve(t);
            if (target == null) continue;
            unique(topNames, "target", target.name(), target.nameRange());
            targets.add(target);
        }
        if (tree.model().isEmpty() && diagnostics.stream().noneMatch(d -> d.code().equals(Codes.SYNTAX))) {
            diagnostics.add(Diagnostic.warning(Range.of(0, 0, 0, 0), Codes.NO_MODEL,
                    "this file describes no model; start one with 'model NAME { ... }'"));
        }
        return new Design(sourceName, source, models, targets, sorted(diagnostics), references);
    }

    private Model model(ModelContext ctx) {
        String name = ctx.name.getText();
        ConstantTable constants = new ConstantTable(ranges, diagnostics, references);
        WeightsSource weights = null;
        TokenSet tokens = null;
        FixedFormat weightFormat = Model.DEFAULT_FORMAT;
        FixedFormat activationFormat = Model.DEFAULT_FORMAT;
        Range numericRange = null;
        List<LayerContext> layerContexts = new ArrayList<>();
        Map<String, Range> fields = new HashMap<>();

        for (ModelItemContext item : ctx.modelItem()) {
            if (item.constant() != null) {
                constants.define(item.constant());
            } else if (item.weightsDecl() != null && field(fields, "weights", name, item)) {
                weights = weights(item.weightsDecl());
            } else if (item.tokensDecl() != null && field(fields, "tokens", name, item)) {
                tokens = tokens(item.tokensDecl());
            } else if (item.numericDecl() != null && field(fields, "numeric", name, item)) {
                NumericDeclContext n = item.numericDecl();
                numericRange = ranges.of(n);
                weightFormat = format(n.weightFormat, weightFormat);
                activationFormat = format(n.activationFormat, activationFormat);
            } else if (item.layer() != null) {
                layerContexts.add(item.layer());
            }
        }

        LayerResolver resolver = new LayerResolver(ranges, constants, diagnostics, activationFormat);
        LayerResolver.Flow flow = new LayerResolver.Flow();
        List<Layer> layers = resolver.resolve(layerContexts, "", true, flow);
        List<Constant> constantValues = constants.resolveAll();
        Model model = new Model(name, ranges.of(ctx.name), ranges.of(ctx), constantValues, weights, tokens,
                weightFormat, activationFormat, numericRange, layers);

        if (flow.output == null) {
            diagnostics.add(Diagnostic.error(ranges.of(ctx.name), Codes.NO_OUTPUT, "model " + name
                    + " has no output layer; end it with 'argmax' or 'sample temperature 0.8'"));
        }
        if (weights == null) {
            diagnostics.add(Diagnostic.warning(ranges.of(ctx.name), Codes.NO_WEIGHTS, "model " + name
                    + " says nowhere where its weights are; add 'weights \"" + name
                    + ".safetensors\"' or 'weights random seed 1'"));
        }
        checkSize(model);
        checkContext(model, resolver);
        checkVocabulary(model, flow);
        return model;
    }

    /** A model too big for any FPGA is reported at its largest tensor, before anything plans it. */
    private void checkSize(Model model) {
        long parameters = model.parameterCount();
        if (parameters <= dev.bramble.lang.source.Limits.MAX_PARAMETERS) return;
        dev.bramble.lang.model.Tensor largest = null;
        for (dev.bramble.lang.model.Tensor t : model.tensors()) {
            if (largest == null || t.elements() > largest.elements()) largest = t;
        }
        diagnostics.add(Diagnostic.error(largest.range(), Codes.TOO_LARGE, String.format(java.util.Locale.ROOT,
                "model %s has %,d parameters (%s %s alone has %,d); Bramble plans at most %,d, far more than any FPGA holds"
                        + " on chip. Check the sizes (is 'context' or a width much too large?)",
                model.name(), parameters, largest.path(), largest.shape(), largest.elements(), dev.bramble.lang.source.Limits.MAX_PARAMETERS)));
    }

    private void checkContext(Model model, LayerResolver resolver) {
        Optional<Constant> context = model.constant("context");
        if (context.isEmpty()) return;
        for (Map.Entry<EmbeddingLayer, Range> e : resolver.positionEmbeddings) {
            if (e.getKey().rows() < context.get().value()) {
                diagnostics.add(Diagnostic.error(e.getValue(), Codes.POSITION_ROWS, "embedding " + e.getKey().path()
                        + " has " + e.getKey().rows() + " positions, but the context is " + context.get().value()
                        + "; it needs a row for every position"));
            }
        }
    }

    private void checkVocabulary(Model model, LayerResolver.Flow flow) {
        int vocabulary = model.vocabulary();
        TokenSet tokens = model.tokens();
        if (tokens != null && vocabulary > 0 && tokens.size() != vocabulary) {
            diagnostics.add(Diagnostic.error(tokens.range(), Codes.TOKENS_VOCAB, "tokens name " + tokens.characterCount()
                    + " characters" + (tokens.bos() ? " + bos = " + tokens.size() + " ids" : "")
                    + ", but the token embedding has " + vocabulary + " rows; they must be equal"));
        }
        Optional<Layer> output = model.outputLayer();
        if (output.isPresent() && vocabulary > 0 && output.get().inWidth() > 0 && output.get().inWidth() != vocabulary) {
            diagnostics.add(Diagnostic.error(output.get().range(), Codes.VOCAB_MISMATCH, output.get().kind()
                    + " chooses among " + output.get().inWidth() + " logits, but the model reads " + vocabulary
                    + " tokens (its token embedding's rows); the last linear must give " + vocabulary + " outputs"));
        }
    }

    /** The checkpoint key layouts {@code keys} accepts (the server maps them; docs/import.md). */
    public static final java.util.List<String> KEY_LAYOUTS = java.util.List.of("nanogpt", "hf-gpt2");

    private WeightsSource weights(WeightsDeclContext ctx) {
        Range range = ranges.of(ctx);
        if (ctx.path != null && Ranges.present(ctx.path)) {
            String keys = null;
            if (ctx.layout != null) {
                keys = ctx.layout.getText();
                if (!KEY_LAYOUTS.contains(keys)) {
                    diagnostics.add(Diagnostic.error(ranges.of(ctx.layout), Codes.KEYS, "unknown key layout '" + keys
                            + "'; known layouts: " + String.join(", ", KEY_LAYOUTS) + " (docs/import.md has their tables)"));
                    keys = null;
                }
            }
            return new WeightsSource.File(unquote(ctx.path.getText()), keys, range);
        }
        if (ctx.seed != null && Ranges.present(ctx.seed)) {
            try {
                return new WeightsSource.Random(Long.parseLong(ctx.seed.getText()), range);
            } catch (NumberFormatException e) {
                diagnostics.add(Diagnostic.error(ranges.of(ctx.seed), Codes.BAD_EXPRESSION, "seed " + ctx.seed.getText()
                        + " is too large; use at most " + Long.MAX_VALUE));
            }
        }
        return null;
    }

    private TokenSet tokens(TokensDeclContext ctx) {
        if (ctx.charset == null || !Ranges.present(ctx.charset)) return null;
        return new TokenSet(unquote(ctx.charset.getText()), ctx.BOS() != null, ranges.of(ctx));
    }

    private FixedFormat format(org.antlr.v4.runtime.Token token, FixedFormat fallback) {
        if (token == null || !Ranges.present(token)) return fallback;
        FixedFormat format = FixedFormat.parse(token.getText());
        return NumericChecks.checkFormat(format, ranges.of(token), diagnostics) ? format : fallback;
    }

    /** Records a model field; false (and an error) when the model already has it. */
    private boolean field(Map<String, Range> fields, String field, String model, ModelItemContext item) {
        Range here = ranges.of(item);
        Range first = fields.putIfAbsent(field, here);
        if (first == null) return true;
        diagnostics.add(Diagnostic.error(here, Codes.DUPLICATE_FIELD, "model " + model + " already says '" + field
                + "' on line " + (first.start().line() + 1) + "; keep one"));
        return false;
    }

    private void unique(Map<String, Range> names, String kind, String name, Range range) {
        Range first = names.putIfAbsent(name, range);
        if (first != null) {
            diagnostics.add(Diagnostic.error(range, Codes.DUPLICATE_NAME, kind + " name '" + name
                    + "' is already used on line " + (first.start().line() + 1) + "; models and targets need their own names"));
        }
    }

    /** String literal → its value: strips the quotes and undoes backslash escapes. */
    static String unquote(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Source order, duplicates dropped: a repeated block reports an error in its body once, not
     * once per copy.
     */
    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(diagnostics));
        unique.sort(Comparator.comparing((Diagnostic d) -> d.range().start()));
        return dev.bramble.lang.source.Limits.capped(unique);
    }
}

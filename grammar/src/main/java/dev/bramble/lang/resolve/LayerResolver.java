package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleParser.ArgmaxLayerContext;
import dev.bramble.grammar.BrambleParser.AttentionLayerContext;
import dev.bramble.grammar.BrambleParser.BlockLayerContext;
import dev.bramble.grammar.BrambleParser.EmbeddingLayerContext;
import dev.bramble.grammar.BrambleParser.ExprContext;
import dev.bramble.grammar.BrambleParser.InputLayerContext;
import dev.bramble.grammar.BrambleParser.LayerContext;
import dev.bramble.grammar.BrambleParser.LayerOptionContext;
import dev.bramble.grammar.BrambleParser.LinearLayerContext;
import dev.bramble.grammar.BrambleParser.NormLayerContext;
import dev.bramble.grammar.BrambleParser.ResidualLayerContext;
import dev.bramble.grammar.BrambleParser.SampleLayerContext;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Limits;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Activation;
import dev.bramble.lang.model.ArgmaxLayer;
import dev.bramble.lang.model.AttentionLayer;
import dev.bramble.lang.model.BlockLayer;
import dev.bramble.lang.model.EmbeddingLayer;
import dev.bramble.lang.model.InputLayer;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.LinearLayer;
import dev.bramble.lang.model.NormLayer;
import dev.bramble.lang.model.ResidualLayer;
import dev.bramble.lang.model.SampleLayer;
import dev.bramble.lang.model.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Follows the activations through a model's layers: resolves each layer's widths and tensor
 * paths and reports every place where what flows in is not what the layer expects. A layer
 * whose own sizes cannot be computed is left out of the model (its error is already
 * reported) and the flow goes on with an unknown width, so later checks neither crash nor
 * cascade.
 */
final class LayerResolver {
    /** Largest number of blocks one repeat may expand to. */
    static final int MAX_REPEAT = Limits.MAX_REPEAT;
    /** Nothing flows yet: the model has not read its input. */
    static final int NOTHING = 0;
    /** Something flows, but its width is unknown because of an earlier error. */
    static final int UNKNOWN = -1;

    /** The activations between two layers: their width and who produced them (for messages). */
    static final class Flow {
        int width = NOTHING;
        String producer = "nothing";
        Layer output;            // the sample/argmax layer once seen
        Range outputRange;
    }

    private final Ranges ranges;
    private final ConstantTable constants;
    private final List<Diagnostic> diagnostics;
    private final FixedFormat activationFormat;
    private final Map<String, Range> tensorPaths = new HashMap<>();
    /** Layers resolved so far, block copies included; bounded by {@link Limits#MAX_LAYERS}. */
    private int expanded;
    private boolean tooManyLayers;
    /** Position embeddings with the range of their rows, checked against the context at the end. */
    final List<Map.Entry<EmbeddingLayer, Range>> positionEmbeddings = new ArrayList<>();
    /** Token embeddings by path, for {@code tied NAME}. */
    private final Map<String, EmbeddingLayer> tokenEmbeddings = new java.util.LinkedHashMap<>();

    LayerResolver(Ranges ranges, ConstantTable constants, List<Diagnostic> diagnostics, FixedFormat activationFormat) {
        this.ranges = ranges;
        this.constants = constants;
        this.diagnostics = diagnostics;
        this.activationFormat = activationFormat;
    }

    List<Layer> resolve(List<LayerContext> layers, String prefix, boolean topLevel, Flow flow) {
        List<Layer> out = new ArrayList<>();
        for (LayerContext ctx : layers) {
            if (ctx.exception != null && ctx.getChildCount() == 0) continue;
            if (++expanded > Limits.MAX_LAYERS) {
                if (!tooManyLayers) {
                    tooManyLayers = true;
                    error(ranges.of(ctx), Codes.TOO_LARGE, "the model expands to more than " + Limits.MAX_LAYERS
                            + " layers here (block repeats multiply); the rest is not checked. Use fewer or smaller repeats");
                }
                return out;
            }
            if (flow.output != null) {
                error(ranges.of(ctx), Codes.LAYER_ORDER, "'" + keyword(ctx) + "' comes after the output layer '"
                        + flow.output.kind() + "' (line " + (flow.outputRange.start().line() + 1)
                        + "); the output layer must be the model's last");
            }
            if (ctx.blockLayer() != null) {
                out.addAll(blocks(ctx.blockLayer(), prefix, flow));
                continue;
            }
            Layer layer = resolveOne(ctx, prefix, topLevel, flow);
            if (layer != null) out.add(layer);
        }
        return out;
    }

    private Layer resolveOne(LayerContext ctx, String prefix, boolean topLevel, Flow flow) {
        if (ctx.inputLayer() != null) return input(ctx.inputLayer(), prefix, flow);
        if (ctx.embeddingLayer() != null) return embedding(ctx.embeddingLayer(), prefix, flow);
        if (ctx.normLayer() != null) return norm(ctx.normLayer(), prefix, flow);
        if (ctx.linearLayer() != null) return linear(ctx.linearLayer(), prefix, flow);
        if (ctx.attentionLayer() != null) return attention(ctx.attentionLayer(), prefix, flow);
        if (ctx.residualLayer() != null) return residual(ctx.residualLayer(), prefix, flow);
        if (ctx.sampleLayer() != null) return sample(ctx.sampleLayer(), topLevel, flow);
        if (ctx.argmaxLayer() != null) return argmax(ctx.argmaxLayer(), topLevel, flow);
        return null;
    }

    // ------------------------------------------------------------------ layers that start the flow

    private Layer input(InputLayerContext ctx, String prefix, Flow flow) {
        if (!Ranges.present(ctx.name)) return null;
        if (flow.width != NOTHING) {
            error(ranges.of(ctx), Codes.LAYER_ORDER, "input " + ctx.name.getText()
                    + " must be the model's first layer; " + flow.producer + " comes before it");
        }
        OptionalLong width = positive(ctx.width, "input " + ctx.name.getText() + " width");
        FixedFormat format = activationFormat;
        if (ctx.format != null && Ranges.present(ctx.format)) {
            format = FixedFormat.parse(ctx.format.getText());
            NumericChecks.checkFormat(format, ranges.of(ctx.format), diagnostics);
        }
        String path = prefix + ctx.name.getText();
        uniquePath(path, ctx.name);
        if (width.isEmpty()) return unknown(flow);
        InputLayer layer = new InputLayer(path, (int) width.getAsLong(), format, ranges.of(ctx));
        return produce(flow, layer, "input " + ctx.name.getText());
    }

    private Layer embedding(EmbeddingLayerContext ctx, String prefix, Flow flow) {
        if (!Ranges.present(ctx.name)) return null;
        String name = ctx.name.getText();
        boolean position = ctx.POSITION() != null;
        OptionalLong rows = positive(ctx.rows, "embedding " + name + " rows");
        OptionalLong dim = positive(ctx.dim, "embedding " + name + " width");
        String path = prefix + name;
        uniquePath(path, ctx.name);
        if (position) {
            if (flow.width == NOTHING) {
                error(ranges.of(ctx), Codes.NO_INPUT, "embedding " + name + " position adds to the activations,"
                        + " but nothing flows into it yet; put a token embedding or an input before it");
            } else if (dim.isPresent() && flow.width != UNKNOWN && dim.getAsLong() != flow.width) {
                error(ranges.of(ctx.dim), Codes.WIDTH_MISMATCH, "embedding " + name + " adds " + dim.getAsLong()
                        + " values, but " + flow.producer + " gives it " + flow.width);
            }
        } else if (flow.width != NOTHING) {
            error(ranges.of(ctx), Codes.LAYER_ORDER, "token embedding " + name
                    + " must come first: it reads the token id, but " + flow.producer + " comes before it");
        }
        Options options = options(ctx.layerOption(), "embedding " + name, OPT_FORMAT | OPT_FROM);
        if (rows.isEmpty() || dim.isEmpty()) return unknown(flow);
        int r = (int) rows.getAsLong();
        int d = (int) dim.getAsLong();
        Tensor tensor = new Tensor(path, List.of(r, d), ranges.of(ctx), Tensor.Role.WEIGHT, options.format, options.source);
        EmbeddingLayer layer = new EmbeddingLayer(path, r, d, position, tensor, ranges.of(ctx));
        if (position) positionEmbeddings.add(Map.entry(layer, ranges.of(ctx.rows)));
        else tokenEmbeddings.put(path, layer);
        return produce(flow, layer, "embedding " + name);
    }

    // ------------------------------------------------------------------ layers inside the flow

    private Layer norm(NormLayerContext ctx, String prefix, Flow flow) {
        NormLayer.Kind kind = ctx.kind.getType() == dev.bramble.grammar.BrambleLexer.RMSNORM
                ? NormLayer.Kind.RMSNORM : NormLayer.Kind.LAYERNORM;
        String keyword = ctx.kind.getText();
        String name = ctx.name != null && Ranges.present(ctx.name) ? ctx.name.getText() : null;
        int allowed = OPT_GAIN | OPT_FORMAT | OPT_FROM | (kind == NormLayer.Kind.LAYERNORM ? OPT_BIAS : 0);
        Options options = options(ctx.layerOption(), keyword + (name == null ? "" : " " + name), allowed);
        String path = name == null ? null : prefix + name;
        if (path != null) uniquePath(path, ctx.name);
        if ((options.gain || options.bias) && name == null) {
            error(ranges.of(ctx), Codes.LAYER_OPTION, keyword + " with a learned " + (options.gain ? "gain" : "bias")
                    + " needs a name, the key of its tensors: e.g. '" + keyword + " ln_1 " + (options.gain ? "gain" : "bias") + "'");
        }
        if (!options.gain && !options.bias && (options.format != null || options.source != null)) {
            error(ranges.of(ctx), Codes.LAYER_OPTION, keyword + " has no tensors without 'gain' or 'bias', so 'weights'"
                    + " and 'from' have nothing to apply to");
        }
        if (!requireInput(flow, keyword, ranges.of(ctx))) return null;
        if (flow.width == UNKNOWN) return null;
        Tensor gain = null, bias = null;
        if (path != null && options.gain) {
            gain = new Tensor(path + ".gain", List.of(flow.width), ranges.of(ctx), Tensor.Role.GAIN, options.format, options.source);
        }
        if (path != null && options.bias) {
            bias = new Tensor(path + ".bias", List.of(flow.width), ranges.of(ctx), Tensor.Role.BIAS, options.format, options.source);
        }
        return produce(flow, new NormLayer(kind, flow.width, ranges.of(ctx), name, path, gain, bias), keyword);
    }

    // ------------------------------------------------------------------ layer options

    private static final int OPT_ACTIVATION = 1, OPT_BIAS = 2, OPT_GAIN = 4, OPT_TIED = 8, OPT_FORMAT = 16, OPT_FROM = 32;

    /** A layer's options after its shape; one the layer does not take, or one given twice, is an error. */
    private static final class Options {
        Activation activation = Activation.NONE;
        boolean bias;
        boolean gain;
        String tied;
        Range tiedRange;
        FixedFormat format;
        Tensor.Source source;
    }

    private Options options(List<LayerOptionContext> list, String what, int allowed) {
        Options o = new Options();
        int seen = 0;
        for (LayerOptionContext opt : list) {
            if (opt.getChildCount() == 0) continue;
            int kind = opt.activation() != null ? OPT_ACTIVATION : opt.BIAS() != null ? OPT_BIAS : opt.GAIN() != null ? OPT_GAIN
                    : opt.TIED() != null ? OPT_TIED : opt.WEIGHTS() != null ? OPT_FORMAT : OPT_FROM;
            String word = opt.getStart().getText();
            if ((allowed & kind) == 0) {
                error(ranges.of(opt), Codes.LAYER_OPTION, what + " does not take '" + word + "'" + optionHint(kind));
                continue;
            }
            if ((seen & kind) != 0) {
                error(ranges.of(opt), Codes.LAYER_OPTION, "'" + word + "' is given twice on " + what);
                continue;
            }
            seen |= kind;
            switch (kind) {
                case OPT_ACTIVATION -> {
                    var a = opt.activation();
                    o.activation = a.RELU() != null ? Activation.RELU
                            : a.form != null && a.form.getType() == dev.bramble.grammar.BrambleLexer.ERF ? Activation.GELU_ERF
                            : Activation.GELU;
                }
                case OPT_BIAS -> o.bias = true;
                case OPT_GAIN -> o.gain = true;
                case OPT_TIED -> {
                    if (opt.tiedName != null && Ranges.present(opt.tiedName)) {
                        o.tied = opt.tiedName.getText();
                        o.tiedRange = ranges.of(opt);
                    }
                }
                case OPT_FORMAT -> {
                    if (opt.format != null && Ranges.present(opt.format)) {
                        FixedFormat f = FixedFormat.parse(opt.format.getText());
                        if (NumericChecks.checkFormat(f, ranges.of(opt.format), diagnostics)) o.format = f;
                    }
                }
                default -> o.source = source(opt);
            }
        }
        return o;
    }

    private static String optionHint(int kind) {
        return switch (kind) {
            case OPT_GAIN -> "; only rmsnorm and layernorm learn a gain";
            case OPT_BIAS -> "; 'bias' goes on a linear or a layernorm";
            case OPT_TIED -> "; only a linear can share an embedding's table";
            case OPT_ACTIVATION -> "; activations go on a linear";
            default -> "";
        };
    }

    private Tensor.Source source(LayerOptionContext opt) {
        if (opt.key == null || !Ranges.present(opt.key)) return null;
        String key = opt.key.getText().length() < 2 ? "" : DesignBuilder.unquote(opt.key.getText());
        if (key.isEmpty()) {
            error(ranges.of(opt.key), Codes.KEYS, "'from' needs a checkpoint key, e.g. from \"transformer.h.0.mlp.c_fc\"");
            return null;
        }
        int part = 0, parts = 1;
        if (opt.PART() != null && opt.part != null && opt.parts != null && Ranges.present(opt.part) && Ranges.present(opt.parts)) {
            try {
                part = Integer.parseInt(opt.part.getText());
                parts = Integer.parseInt(opt.parts.getText());
            } catch (NumberFormatException e) {
                part = -1;
            }
            if (parts < 1 || part < 0 || part >= parts || parts > 4096) {
                error(ranges.of(opt), Codes.KEYS, "'part " + opt.part.getText() + " of " + opt.parts.getText()
                        + "' is out of range: parts count from 0, so part I of N needs 0 <= I < N (e.g. part 2 of 3 for v in c_attn)");
                return null;
            }
        }
        return new Tensor.Source(key, part, parts, opt.TRANSPOSED() != null);
    }

    private Layer linear(LinearLayerContext ctx, String prefix, Flow flow) {
        LinearLayer layer = linearShape(ctx, prefix);
        String name = Ranges.present(ctx.name) ? ctx.name.getText() : "linear";
        if (!requireInput(flow, "linear " + name, ranges.of(ctx))) return null;
        if (layer == null) {
            // The output width is broken, but a wrong input width is still worth reporting.
            OptionalLong in = constants.evaluate(ctx.inWidth);
            if (in.isPresent() && flow.width > 0 && in.getAsLong() != flow.width) {
                error(ranges.of(ctx.inWidth), Codes.WIDTH_MISMATCH, "linear " + name + " expects " + in.getAsLong()
                        + " inputs, but " + flow.producer + " gives it " + flow.width);
            }
            return unknown(flow);
        }
        checkInputWidth(layer, ctx, flow);
        return produce(flow, layer, name);
    }

    /** A linear's own shape and tensor, without looking at what flows into it. */
    private LinearLayer linearShape(LinearLayerContext ctx, String prefix) {
        if (!Ranges.present(ctx.name)) return null;
        String name = ctx.name.getText();
        OptionalLong in = positive(ctx.inWidth, "linear " + name + " input width");
        OptionalLong out = positive(ctx.outWidth, "linear " + name + " output width");
        String path = prefix + name;
        uniquePath(path, ctx.name);
        Options options = options(ctx.layerOption(), "linear " + name, OPT_ACTIVATION | OPT_BIAS | OPT_TIED | OPT_FORMAT | OPT_FROM);
        if (in.isEmpty() || out.isEmpty()) return null;
        int i = (int) in.getAsLong();
        int o = (int) out.getAsLong();
        Tensor tensor = new Tensor(path, List.of(o, i), ranges.of(ctx), Tensor.Role.WEIGHT, options.format, options.source);
        String tiedTo = null;
        if (options.tied != null) {
            EmbeddingLayer e = tokenEmbeddings.get(options.tied);
            if (e == null) {
                error(options.tiedRange, Codes.TIED, "linear " + name + " is tied to '" + options.tied + "', but no token embedding"
                        + " of that name comes before it" + (tokenEmbeddings.isEmpty() ? "" : "; token embeddings: "
                        + String.join(", ", tokenEmbeddings.keySet())));
            } else if (e.rows() != o || e.dim() != i) {
                error(options.tiedRange, Codes.TIED, "linear " + name + " [" + i + " -> " + o + "] needs a [" + o + ", " + i
                        + "] table, but embedding " + e.path() + " is [" + e.rows() + ", " + e.dim() + "]");
            } else {
                if (options.format != null || options.source != null) {
                    error(options.tiedRange, Codes.LAYER_OPTION, "linear " + name + " is tied to " + e.path()
                            + ": its table's format and key are the embedding's; put 'weights' and 'from' on the embedding");
                }
                tensor = e.tensor();
                tiedTo = e.path();
            }
        }
        Tensor bias = options.bias ? new Tensor(path + ".bias", List.of(o), ranges.of(ctx), Tensor.Role.BIAS,
                tiedTo != null ? null : options.format, tiedTo != null && options.source == null ? null : options.source) : null;
        return new LinearLayer(path, name, i, o, options.activation, tensor, ranges.of(ctx), ranges.of(ctx.inWidth), bias, tiedTo);
    }

    private void checkInputWidth(LinearLayer layer, LinearLayerContext ctx, Flow flow) {
        if (flow.width == UNKNOWN || flow.width == NOTHING || layer.inWidth() == flow.width) return;
        error(ranges.of(ctx.inWidth), Codes.WIDTH_MISMATCH, "linear " + layer.name() + " expects " + layer.inWidth()
                + " inputs, but " + flow.producer + " gives it " + flow.width);
    }

    private Layer attention(AttentionLayerContext ctx, String prefix, Flow flow) {
        Range keyword = ranges.of(ctx.ATTENTION().getSymbol());
        if (!requireInput(flow, "attention", ranges.of(ctx))) return null;
        OptionalLong heads = positive(ctx.heads, "attention heads");
        List<LinearLayerContext> linears = new ArrayList<>();
        for (LayerContext child : ctx.layer()) {
            if (child.linearLayer() != null) {
                linears.add(child.linearLayer());
            } else if (child.getChildCount() > 0) {
                error(ranges.of(child), Codes.ATTENTION_SHAPE, "attention holds only its four linears"
                        + " (query, key, value, output); move '" + keyword(child) + "' out of it");
            }
        }
        List<LinearLayer> shapes = new ArrayList<>();
        for (LinearLayerContext l : linears) shapes.add(linearShape(l, prefix));
        if (linears.size() != 4) {
            error(keyword, Codes.ATTENTION_SHAPE, "attention needs four linears (query, key, value, output), found "
                    + linears.size());
            return unknown(flow);
        }
        if (shapes.contains(null)) return unknown(flow);
        LinearLayer q = shapes.get(0), k = shapes.get(1), v = shapes.get(2), o = shapes.get(3);
        for (int i = 0; i < 3; i++) checkInputWidth(shapes.get(i), linears.get(i), flow);
        boolean consistent = true;
        for (int i = 1; i < 3; i++) {
            LinearLayer other = shapes.get(i);
            if (other.outWidth() != q.outWidth()) {
                error(ranges.of(linears.get(i).outWidth), Codes.ATTENTION_SHAPE, "linear " + other.name() + " gives "
                        + other.outWidth() + " outputs, but query " + q.name() + " gives " + q.outWidth()
                        + "; query, key and value must have the same width");
                consistent = false;
            }
        }
        if (o.inWidth() != q.outWidth()) {
            error(ranges.of(linears.get(3).inWidth), Codes.WIDTH_MISMATCH, "linear " + o.name() + " expects "
                    + o.inWidth() + " inputs, but the attention heads give it " + q.outWidth());
        }
        if (heads.isEmpty()) return unknown(flow);
        int h = (int) heads.getAsLong();
        if (q.outWidth() % h != 0) {
            error(ranges.of(ctx.heads), Codes.HEADS_DIVIDE, q.outWidth() + " is not divisible by " + h
                    + " heads: each head needs an equal share of " + q.name() + "'s " + q.outWidth()
                    + " outputs; choose a divisor of " + q.outWidth());
            consistent = false;
        }
        if (!consistent) return unknown(flow);
        AttentionLayer layer = new AttentionLayer(prefix + "attention", h, q, k, v, o, ranges.of(ctx));
        return produce(flow, layer, "attention");
    }

    private Layer residual(ResidualLayerContext ctx, String prefix, Flow flow) {
        if (!requireInput(flow, "residual", ranges.of(ctx))) return null;
        int width = flow.width;
        String producer = flow.producer;
        List<Layer> body = resolve(ctx.layer(), prefix, false, flow);
        if (width != UNKNOWN && flow.width != UNKNOWN && flow.width != width) {
            error(ranges.of(ctx.RESIDUAL().getSymbol()), Codes.RESIDUAL_WIDTH, "residual body turns " + width
                    + " values into " + flow.width + "; a residual adds its body's output to its input,"
                    + " so the body must end with " + width);
        }
        flow.width = width;
        flow.producer = "the residual";
        if (width == UNKNOWN) {
            flow.producer = producer;
            return null;
        }
        return new ResidualLayer(width, body, ranges.of(ctx));
    }

    /** A block, or for {@code block name[a..b]} one block per index, as if written out. */
    private List<Layer> blocks(BlockLayerContext ctx, String prefix, Flow flow) {
        if (!Ranges.present(ctx.name)) return List.of();
        String name = ctx.name.getText();
        if (ctx.RANGE() == null) {
            Layer single = blockInstance(ctx, prefix + name, flow);
            return single == null ? List.of() : List.of(single);
        }
        OptionalLong from = constants.evaluate(ctx.from);
        OptionalLong to = constants.evaluate(ctx.to);
        if (from.isEmpty() || to.isEmpty()) return List.of();
        Range rangeText = ranges.span(ctx.from, ctx.to);
        long first = from.getAsLong();
        long last = to.getAsLong();
        if (first < 0) {
            error(ranges.of(ctx.from), Codes.EMPTY_REPEAT, "block indices start at 0 or more, found " + first);
            return List.of();
        }
        if (last < first) {
            error(rangeText, Codes.EMPTY_REPEAT, "block " + name + "[" + first + ".." + last + "] repeats nothing:"
                    + " the range is inclusive and must count up, e.g. [" + last + ".." + first + "]");
            resolve(ctx.layer(), prefix + name + first + ".", false, flow);   // still check the body
            return List.of();
        }
        if (last - first + 1 > MAX_REPEAT) {
            error(rangeText, Codes.EMPTY_REPEAT, "block " + name + " repeats " + (last - first + 1)
                    + " times; at most " + MAX_REPEAT + " are supported (a model for on-chip memory has far fewer layers)");
            return List.of();
        }
        List<Layer> instances = new ArrayList<>();
        for (long i = first; i <= last && !tooManyLayers; i++) {
            Layer instance = blockInstance(ctx, prefix + name + i, flow);
            if (instance != null) instances.add(instance);
        }
        return instances;
    }

    private Layer blockInstance(BlockLayerContext ctx, String path, Flow flow) {
        uniquePath(path, ctx.name);
        int in = flow.width;
        List<Layer> body = resolve(ctx.layer(), path + ".", false, flow);
        if (in == UNKNOWN || flow.width == UNKNOWN || in == NOTHING) return null;
        return new BlockLayer(path, in, flow.width, body, ranges.of(ctx));
    }

    // ------------------------------------------------------------------ output layers

    private Layer sample(SampleLayerContext ctx, boolean topLevel, Flow flow) {
        Range range = ranges.of(ctx);
        if (!outputAllowed(ctx.SAMPLE().getText(), range, topLevel, flow)) return null;
        double temperature = 1.0;
        java.util.OptionalDouble given = NumberLiterals.value(ctx.temperature);
        if (given.isPresent()) {
            temperature = given.getAsDouble();
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                error(ranges.of(ctx.temperature), Codes.TEMPERATURE_RANGE, "temperature must be above 0, found "
                        + ctx.temperature.getText() + "; use 'argmax' for always the most likely token");
            }
        }
        long seed = 0;
        boolean seedGiven = ctx.seed != null && Ranges.present(ctx.seed);
        if (seedGiven) {
            try {
                seed = Long.parseLong(ctx.seed.getText());
            } catch (NumberFormatException e) {
                error(ranges.of(ctx.seed), Codes.BAD_EXPRESSION, "seed " + ctx.seed.getText() + " is too large; use at most "
                        + Long.MAX_VALUE);
            }
        }
        SampleLayer layer = new SampleLayer(Math.max(flow.width, 0), temperature, seed, seedGiven, range);
        return finishOutput(flow, layer, range);
    }

    private Layer argmax(ArgmaxLayerContext ctx, boolean topLevel, Flow flow) {
        Range range = ranges.of(ctx);
        if (!outputAllowed("argmax", range, topLevel, flow)) return null;
        return finishOutput(flow, new ArgmaxLayer(Math.max(flow.width, 0), range), range);
    }

    private boolean outputAllowed(String keyword, Range range, boolean topLevel, Flow flow) {
        if (!topLevel) {
            error(range, Codes.LAYER_ORDER, "'" + keyword + "' is an output layer; put it at the end of the model,"
                    + " outside blocks and residuals");
            return false;
        }
        return requireInput(flow, keyword, range);
    }

    private Layer finishOutput(Flow flow, Layer layer, Range range) {
        if (flow.output == null) {
            flow.output = layer;
            flow.outputRange = range;
        }
        return flow.width == UNKNOWN ? null : layer;
    }

    // ------------------------------------------------------------------ helpers

    private boolean requireInput(Flow flow, String what, Range range) {
        if (flow.width != NOTHING) return true;
        error(range, Codes.NO_INPUT, what + " has nothing to read: start the model with 'input' or a token 'embedding'");
        return false;
    }

    private Layer produce(Flow flow, Layer layer, String producer) {
        flow.width = layer.outWidth();
        flow.producer = producer;
        return layer;
    }

    private Layer unknown(Flow flow) {
        flow.width = UNKNOWN;
        return null;
    }

    private OptionalLong positive(ExprContext expr, String what) {
        OptionalLong v = constants.evaluate(expr);
        if (v.isEmpty()) return v;
        long value = v.getAsLong();
        if (value < 1 || value > Integer.MAX_VALUE / 2) {
            error(ranges.of(expr), Codes.BAD_WIDTH, what + " must be a positive size"
                    + (value < 1 ? "" : " below " + (Integer.MAX_VALUE / 2)) + ", found " + value);
            return OptionalLong.empty();
        }
        return v;
    }

    private void uniquePath(String path, org.antlr.v4.runtime.Token nameToken) {
        Range here = ranges.of(nameToken);
        Range first = tensorPaths.putIfAbsent(path, here);
        if (first != null && !first.equals(here)) {
            error(here, Codes.DUPLICATE_NAME, "'" + path + "' is already the name of the layer on line "
                    + (first.start().line() + 1) + "; every layer needs its own name (it is the tensor's key)");
        }
    }

    private static String keyword(LayerContext ctx) {
        return ctx.getStart() == null ? "layer" : ctx.getStart().getText();
    }

    private void error(Range range, String code, String message) {
        diagnostics.add(Diagnostic.error(range, code, message));
    }
}

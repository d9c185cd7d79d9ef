package dev.bramble.project;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.bramble.device.Board;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.errors.UserError;
import dev.bramble.golden.FloatArithmetic;
import dev.bramble.golden.Interpreter;
import dev.bramble.golden.Xorshift32;
import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.weights.ModelWeights;
import dev.bramble.weights.StoredTensor;
import dev.bramble.weights.WeightsCheck;
import dev.bramble.weights.WeightsFormatException;
import dev.bramble.weights.WeightsLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code bramble import}: a nanoGPT or Hugging Face GPT-2 checkpoint (safetensors or .npz, with
 * an HF {@code config.json} when there is one) → a {@code .bramble} description that reads it
 * through {@code keys nanogpt|hf-gpt2}. Sizes come from the tensors (checked against the config);
 * each layer's weight format from its tensors' largest magnitude (16 bits, as many integer bits as
 * that needs), the activations' from the float model run on random sequences.
 */
public final class CheckpointImport {
    private CheckpointImport() {}

    /** What the import chose, for the report. */
    public record Result(String text, String layout, List<String> report) {}

    public record Options(Path checkpoint, Path config, Path output, Integer heads, String tokens, boolean bos, String name, Double temperature) {}

    /**
     * Boards people own, by their ids in the board catalogue (devices.json, which holds their
     * parts and oscillators), tried in this order, each with 16, 8, 4, 2 and 1 lanes: the first
     * that fits is the target.
     */
    static final List<String> BOARDS = List.of("ulx3s-25f", "ulx3s-85f", "arty-a7-35t", "de1-soc");

    private static Board board(String id) {
        return DeviceCatalog.standard().board(id).orElseThrow(() -> new IllegalStateException("board " + id + " is not in devices.json"));
    }

    private static final int BITS = 16;

    public static Result run(Options o) throws UserError {
        Map<String, StoredTensor> t = read(o.checkpoint());
        String file = o.checkpoint().getFileName().toString();
        JsonObject config = o.config() == null ? null : config(o.config());
        String p = t.containsKey("transformer.wte.weight") ? "transformer." : t.containsKey("wte.weight") ? "" : null;
        if (p == null) {
            throw new UserError(o.checkpoint() + ": has neither 'transformer.wte.weight' (nanoGPT, GPT2LMHeadModel) nor 'wte.weight'"
                    + " (GPT2Model); bramble import reads nanoGPT and GPT-2 layouts (docs/import.md). Its keys: " + sample(t));
        }
        StoredTensor wte = need(t, p + "wte.weight", 2, file);
        StoredTensor wpe = need(t, p + "wpe.weight", 2, file);
        int vocab = (int) wte.shape()[0];
        int dim = (int) wte.shape()[1];
        int context = (int) wpe.shape()[0];
        if (wpe.shape()[1] != dim) {
            throw new UserError(o.checkpoint() + ": '" + p + "wpe.weight' is " + wpe.shapeText() + " but '" + p + "wte.weight' is "
                    + wte.shapeText() + "; both need " + dim + " columns");
        }
        int layers = 0;
        while (t.containsKey(p + "h." + layers + ".attn.c_attn.weight")) layers++;
        if (layers == 0) throw new UserError(o.checkpoint() + ": has no '" + p + "h.0.attn.c_attn.weight'; a GPT needs at least one block");
        StoredTensor cAttn = t.get(p + "h.0.attn.c_attn.weight");
        long[] cs = cAttn.shape();
        boolean hf;
        if (cs.length == 2 && cs[0] == 3L * dim && cs[1] == dim) hf = false;           // nn.Linear: [3·dim, dim]
        else if (cs.length == 2 && cs[0] == dim && cs[1] == 3L * dim) hf = true;        // Conv1D: [dim, 3·dim]
        else throw new UserError(o.checkpoint() + ": '" + cAttn.name() + "' is " + cAttn.shapeText() + "; a fused q, k, v of width " + dim
                + " is [" + 3 * dim + ", " + dim + "] (nanoGPT) or [" + dim + ", " + 3 * dim + "] (GPT-2 Conv1D)");
        if (config != null) hf = true;
        StoredTensor fc = need(t, p + "h.0.mlp.c_fc.weight", 2, file);
        int hidden = (int) (hf ? fc.shape()[1] : fc.shape()[0]);
        boolean bias = t.containsKey(p + "h.0.attn.c_attn.bias");
        boolean lnBias = t.containsKey(p + "h.0.ln_1.bias");
        Integer heads = o.heads();
        String activation = hf ? "gelu" : "gelu erf";
        if (config != null) {
            check(config, "n_embd", dim, o, wte);
            check(config, "vocab_size", vocab, o, wte);
            check(config, "n_layer", layers, o, null);
            Integer positions = integer(config, "n_positions");
            if (positions == null) positions = integer(config, "block_size");
            if (positions != null && positions != context) {
                throw new UserError(o.config() + ": n_positions is " + positions + " but '" + wpe.name() + "' in " + file + " is "
                        + wpe.shapeText() + " (" + context + " positions); the config and the checkpoint disagree");
            }
            Integer h = integer(config, "n_head");
            if (h != null && heads != null && !h.equals(heads)) throw new UserError("--heads " + heads + " but " + o.config() + " says n_head " + h);
            if (h != null) heads = h;
            if (config.has("activation_function")) {
                String a = config.get("activation_function").getAsString();
                activation = switch (a) {
                    case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> "gelu";
                    case "gelu" -> "gelu erf";
                    case "relu" -> "relu";
                    default -> throw new UserError(o.config() + ": activation_function '" + a + "' is not supported;"
                            + " Bramble has gelu (tanh), gelu erf and relu");
                };
            }
        }
        if (o.temperature() != null && !(o.temperature() > 0 && o.temperature() < 1e6)) {
            throw new UserError("--temperature " + o.temperature() + ": give a temperature above 0, e.g. 0.8");
        }
        if (heads == null) {
            throw new UserError(o.checkpoint() + ": the number of attention heads is not in the tensors; give --heads N"
                    + " (nanoGPT's n_head) or --config config.json");
        }
        if (heads < 1 || dim % heads != 0) throw new UserError("--heads " + heads + ": the width " + dim + " is not divisible by it");
        String headKey = "lm_head.weight";
        boolean tied = !t.containsKey(headKey) || java.util.Arrays.equals(t.get(headKey).values(), wte.values());
        if (o.bos() && o.tokens() == null) throw new UserError("--bos adds a begin/end token to --tokens; give --tokens too");
        int ids = o.tokens() == null ? vocab : o.tokens().codePointCount(0, o.tokens().length()) + (o.bos() ? 1 : 0);
        if (ids != vocab) {
            throw new UserError("--tokens names " + ids + " tokens (" + o.tokens().codePointCount(0, o.tokens().length()) + " characters"
                    + (o.bos() ? " and BOS" : "") + ") but '" + wte.name() + "' has " + vocab + " rows (the vocabulary)"
                    + (ids + 1 == vocab && !o.bos() ? "; add --bos if the last id is a begin/end token" : ""));
        }
        String layout = hf ? "hf-gpt2" : "nanogpt";
        String name = o.name() != null ? o.name() : modelName(o.checkpoint());
        Path outDir = o.output().toAbsolutePath().getParent();
        String weightsPath = outDir.relativize(o.checkpoint().toAbsolutePath()).toString().replace('\\', '/');

        // First pass with provisional formats: measure, then choose.
        Skeleton s = new Skeleton(name, vocab, context, dim, hidden, layers, heads, bias, lnBias, tied, activation, weightsPath, layout,
                o.tokens(), o.bos(), o.checkpoint().getFileName().toString(), config != null, o.temperature());
        String draft = s.text(new FixedFormat(BITS / 2, BITS / 2), Map.of(), null);
        Model model = model(draft, outDir, o);
        ModelWeights weights;
        try {
            weights = ModelWeights.load(model, outDir);
        } catch (UserError e) {
            // The line is the draft's, which the user never sees; the key and shapes say it all.
            throw new UserError(e.getMessage().replaceFirst(" \\(line \\d+\\)$", ""));
        }
        List<String> report = new ArrayList<>();
        report.add("layout " + layout + (hf ? " (Conv1D weights transposed)" : "") + ": " + layers + " blocks, width " + dim + ", " + heads
                + " heads, context " + context + ", vocabulary " + vocab + ", MLP " + hidden + (bias ? ", linear biases" : ", no linear biases")
                + (lnBias ? ", layernorm gain and bias" : ", layernorm gain") + (tied ? ", head tied to wte" : ", own lm_head") + ", " + activation);
        // Per layer role (a repeated block shares its layers' formats): the largest magnitude of its tensors, over all copies.
        Map<String, Double> largest = new LinkedHashMap<>();
        for (dev.bramble.lang.model.Tensor tensor : model.tensors()) {
            String role = role(tensor.path());
            double max = 0;
            for (double v : weights.values(tensor.path())) max = Math.max(max, Math.abs(v));
            largest.merge(role, max, Math::max);
        }
        Map<String, FixedFormat> formats = new LinkedHashMap<>();
        Map<FixedFormat, Integer> votes = new LinkedHashMap<>();
        for (var e : largest.entrySet()) {
            FixedFormat f = WeightsCheck.holding(e.getValue(), BITS);
            if (f == null) throw new UserError(o.checkpoint() + ": tensors of '" + e.getKey() + "' reach " + e.getValue() + ", which no 32-bit format holds");
            formats.put(e.getKey(), f);
            votes.merge(f, 1, Integer::sum);
        }
        FixedFormat common = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(new FixedFormat(4, 12));
        double act = activationRange(model, weights);
        FixedFormat activations = WeightsCheck.holding(act * 1.5, BITS);
        if (activations == null) activations = new FixedFormat(16, 16);
        for (var e : largest.entrySet()) {
            report.add(String.format(Locale.ROOT, "  %-14s largest |w| %8.4f -> %s%s", e.getKey(), e.getValue(), formats.get(e.getKey()),
                    formats.get(e.getKey()).equals(common) ? "" : " (own 'weights')"));
        }
        report.add(String.format(Locale.ROOT, "weights %s by default; activations %s (largest |activation| %.3f on 8 random sequences, x1.5 margin)",
                common, activations, act));
        String text = null;
        String fit = null;
        // First a board it fits within the budget (no warning), else one it fits at all (no error).
        for (boolean withinBudget : new boolean[] {true, false}) {
            for (String id : BOARDS) {
                Board board = board(id);
                for (int lanes = 16; lanes >= 1 && fit == null; lanes /= 2) {
                    String candidate = s.text(common, formats, activations) + target(board, lanes);
                    Design d = Bramble.analyze(o.output().getFileName().toString(), candidate);
                    List<Diagnostic> budget = dev.bramble.estimate.BudgetCheck.check(d);
                    if (withinBudget ? budget.isEmpty() : budget.stream().noneMatch(Diagnostic::isError)) {
                        text = candidate;
                        fit = board.name() + " at " + lanes + " lanes" + (withinBudget ? "" : " (over the 80 % budget: see 'bramble check')");
                    }
                }
                if (fit != null) break;
            }
            if (fit != null) break;
        }
        if (text == null) {
            Board first = board(BOARDS.get(0));
            text = s.text(common, formats, activations) + target(first, 16);
            report.add("target: no common board fits (" + BOARDS.stream().map(b -> board(b).name()).collect(java.util.stream.Collectors.joining(", "))
                    + ", at 16 ... 1 lanes); the target is " + first.name() + " and 'bramble estimate' says what is over");
        } else {
            report.add("target: " + fit + " (the first board people own that fits, by the estimate)");
        }
        Model check = model(text, outDir, o);
        ModelWeights.load(check, outDir);
        return new Result(text, layout, report);
    }

    /** The row of a tensor path with the block index removed: h0.c_fc -> h.c_fc, h0.c_fc.bias -> h.c_fc. */
    private static String role(String path) {
        String p = path.endsWith(".bias") || path.endsWith(".gain") ? path.substring(0, path.lastIndexOf('.')) : path;
        return p.replaceFirst("^h\\d+\\.", "h.");
    }

    private static double activationRange(Model model, ModelWeights weights) {
        Interpreter<double[]> interpreter = new Interpreter<>(model, new FloatArithmetic(weights));
        double[] max = {0};
        interpreter.observe((layer, position, in, out) -> {
            if (layer instanceof dev.bramble.lang.model.BlockLayer) return;
            if (layer == Interpreter.logitsLayer(model)) return;
            for (double v : out) max[0] = Math.max(max[0], Math.abs(v));
        });
        Xorshift32 random = new Xorshift32(1);
        int vocab = model.vocabulary();
        for (int s = 0; s < 8; s++) {
            interpreter.reset();
            for (int pos = 0; pos < model.context(); pos++) {
                interpreter.step((int) (Integer.toUnsignedLong(random.next()) % vocab), null, pos);
            }
        }
        return max[0];
    }

    private static Model model(String text, Path dir, Options o) throws UserError {
        Design d = Bramble.analyze(o.output().getFileName().toString(), text);
        for (Diagnostic diag : d.diagnostics()) {
            if (diag.isError()) throw new UserError("internal: the imported description does not check (" + diag.message() + " at line "
                    + (diag.range().start().line() + 1) + "); please report this with the checkpoint");
        }
        return d.model().orElseThrow();
    }

    /** A target on the board, at its oscillator's clock. */
    private static String target(Board board, int lanes) {
        return "\n// " + board.name() + ". 'bramble emit' writes the hardware for this target; 'bramble sim' checks it\n"
                + "// against the fixed-point reference, logit for logit, and every op's cycles against the plan.\n"
                + "target " + board.id().replace('-', '_') + " {\n    board   " + board.id() + "\n    clock   "
                + String.format(Locale.ROOT, "%s MHz", new java.math.BigDecimal(Double.toString(board.clockMHz())).stripTrailingZeros().toPlainString())
                + "\n    lanes   " + lanes + "\n    storage bram\n}\n";
    }

    /** The .bramble text of an imported GPT (without its target). */
    private record Skeleton(String name, int vocab, int context, int dim, int hidden, int layers, int heads, boolean bias, boolean lnBias,
                            boolean tied, String activation, String weightsPath, String layout, String tokens, boolean bos, String source,
                            boolean config, Double temperature) {
        String text(FixedFormat weights, Map<String, FixedFormat> formats, FixedFormat activations) {
            StringBuilder b = new StringBuilder();
            String lb = bias ? " bias" : "";
            String norm = lnBias ? " gain bias" : " gain";
            b.append("// Imported by 'bramble import' from ").append(source).append(" (").append(layout).append(" keys")
                    .append(config ? ", config.json" : "").append("); formats chosen from the weights' ranges.\n");
            b.append("model ").append(name).append(" {\n");
            b.append("    vocab   = ").append(vocab).append('\n');
            b.append("    context = ").append(context).append('\n');
            b.append("    dim     = ").append(dim).append('\n');
            b.append("    hidden  = ").append(hidden).append('\n');
            b.append("    weights \"").append(weightsPath.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" keys ").append(layout).append('\n');
            if (tokens != null) b.append("    tokens  \"").append(tokens.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")).append("\"").append(bos ? " bos" : "").append('\n');
            b.append("    numeric weights ").append(weights).append(", activations ").append(activations == null ? new FixedFormat(8, 8) : activations).append("\n\n");
            b.append("    embedding wte [vocab, dim]").append(own("wte", weights, formats)).append('\n');
            b.append("    embedding wpe [context, dim] position").append(own("wpe", weights, formats)).append("\n\n");
            b.append("    block h[0..").append(layers - 1).append("] {\n");
            b.append("        residual {\n");
            b.append("            layernorm ln_1").append(norm).append(own("h.ln_1", weights, formats)).append('\n');
            b.append("            attention heads ").append(heads).append(" {\n");
            for (String q : List.of("attn_q", "attn_k", "attn_v", "attn_proj")) {
                b.append("                linear ").append(q).append(" [dim -> dim]").append(lb).append(own("h." + q, weights, formats)).append('\n');
            }
            b.append("            }\n        }\n");
            b.append("        residual {\n");
            b.append("            layernorm ln_2").append(norm).append(own("h.ln_2", weights, formats)).append('\n');
            b.append("            linear mlp_fc [dim -> hidden] ").append(activation).append(lb).append(own("h.mlp_fc", weights, formats)).append('\n');
            b.append("            linear mlp_proj [hidden -> dim]").append(lb).append(own("h.mlp_proj", weights, formats)).append('\n');
            b.append("        }\n    }\n\n");
            b.append("    layernorm ln_f").append(norm).append(own("ln_f", weights, formats)).append('\n');
            b.append("    linear lm_head [dim -> vocab]").append(tied ? " tied wte" : own("lm_head", weights, formats)).append('\n');
            b.append(temperature == null ? "    argmax\n" : "    sample temperature " + temperature + " seed 1\n").append("}\n");
            return b.toString();
        }

        private static String own(String role, FixedFormat common, Map<String, FixedFormat> formats) {
            FixedFormat f = formats.get(role);
            return f == null || f.equals(common) ? "" : " weights " + f;
        }
    }

    private static Map<String, StoredTensor> read(Path file) throws UserError {
        try {
            return WeightsLoader.load(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such checkpoint");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (WeightsFormatException e) {
            throw new UserError(file + ": " + e.getMessage());
        }
    }

    private static JsonObject config(Path file) throws UserError {
        try {
            if (Files.size(file) > (1 << 20)) throw new UserError(file + ": a config.json over 1 MiB is not an HF config");
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) throw new UserError(file + ": not a JSON object; give the model's config.json");
            return e.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such config file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new UserError(file + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static Integer integer(JsonObject config, String key) throws UserError {
        if (!config.has(key) || config.get(key).isJsonNull()) return null;
        try {
            return config.get(key).getAsInt();
        } catch (RuntimeException e) {
            throw new UserError("config.json: '" + key + "' is " + config.get(key) + ", not a whole number");
        }
    }

    private static void check(JsonObject config, String key, int fromTensors, Options o, StoredTensor witness) throws UserError {
        Integer v = integer(config, key);
        if (v != null && v != fromTensors) {
            throw new UserError(o.config() + ": " + key + " is " + v + " but the checkpoint " + o.checkpoint().getFileName() + " has " + fromTensors
                    + (witness != null ? " ('" + witness.name() + "' is " + witness.shapeText() + ")" : " blocks")
                    + "; the config and the checkpoint disagree");
        }
    }

    private static StoredTensor need(Map<String, StoredTensor> t, String key, int rank, String file) throws UserError {
        StoredTensor s = t.get(key);
        if (s == null) throw new UserError(file + ": has no tensor '" + key + "'; keys: " + sample(t));
        if (s.shape().length != rank) throw new UserError(file + ": tensor '" + key + "' is " + s.shapeText() + ", expected " + rank + " dimensions");
        return s;
    }

    private static String sample(Map<String, StoredTensor> t) {
        TreeSet<String> keys = new TreeSet<>(t.keySet());
        List<String> first = new ArrayList<>(keys).subList(0, Math.min(8, keys.size()));
        return String.join(", ", first) + (keys.size() > 8 ? ", … (" + keys.size() + " in all)" : "");
    }

    private static String modelName(Path checkpoint) {
        String n = checkpoint.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
        if (n.isEmpty() || !Character.isLetter(n.charAt(0)) && n.charAt(0) != '_') n = "m_" + n;
        var vocabulary = dev.bramble.grammar.BrambleLexer.VOCABULARY;
        for (int i = 0; i <= vocabulary.getMaxTokenType(); i++) {
            if (("'" + n + "'").equals(vocabulary.getLiteralName(i))) return n + "_gpt";   // a keyword ('model') cannot name a model
        }
        return n;
    }
}

package dev.bramble.estimate;

import dev.bramble.lang.resolve.Names;
import dev.bramble.device.Device;
import dev.bramble.device.DeviceCatalog;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.model.FixedFormat;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.source.Severity;
import dev.bramble.lang.source.SourceText;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Storage;
import dev.bramble.lang.model.Target;
import dev.bramble.plan.Plan;
import dev.bramble.plan.Planner;
import dev.bramble.plan.TensorLayout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Budget diagnostics: does the design fit the target's part? The single entry point the
 * editor calls on every keystroke is {@link #check(Design)}; it never throws and only adds
 * diagnostics about hardware (the language layer's own diagnostics stay in {@code Design}).
 */
public final class BudgetCheck {
    private BudgetCheck() {}

    /** Share of a token's cycles that lane padding must cost before we warn about it. */
    static final double PADDING_WARN_FRACTION = 0.05;

    /** Weight formats a fix may offer, by preference within a width (same integer bits first). */
    static final List<FixedFormat> FORMATS = List.of(
            new FixedFormat(4, 12), new FixedFormat(2, 14), new FixedFormat(1, 15),
            new FixedFormat(4, 8), new FixedFormat(2, 10), new FixedFormat(1, 11),
            new FixedFormat(4, 6), new FixedFormat(2, 8),
            new FixedFormat(4, 4), new FixedFormat(2, 6), new FixedFormat(1, 7),
            new FixedFormat(2, 2), new FixedFormat(1, 3));

    /**
     * Diagnostics for every target of the design's model (empty when there is nothing to plan),
     * in target order. The editor and the CLI get these through {@code project.DesignChecks},
     * which also merges them with the language's and the weights' diagnostics.
     */
    public static List<Diagnostic> check(Design design) {
        List<Diagnostic> out = new ArrayList<>();
        if (design.model().isEmpty()) return out;
        for (Target target : design.targets()) {
            try {
                out.addAll(check(design.source(), design.model().get(), target, !design.hasErrors(), null));
            } catch (RuntimeException e) {
                // Never break the editor: a planning bug becomes silence here, and the CLI reports it.
            }
        }
        return out;
    }

    /** Diagnostics for one model on one target, with layer diagnostics on the layer's whole range. */
    public static List<Diagnostic> check(Model model, Target target) {
        return check(null, model, target, true, null);
    }

    /**
     * Diagnostics for one model on one target. {@code source} (may be null) is the text the
     * model comes from: a diagnostic about a layer then points at the layer's first line (for an
     * attention block, its header) rather than its whole range. {@code planIt} false (the model
     * has language errors) checks only the part name. {@code known} is the target's estimate when
     * the caller already has it (null: plan and estimate here).
     */
    public static List<Diagnostic> check(SourceText source, Model model, Target target, boolean planIt, Estimate known) {
        List<Diagnostic> out = new ArrayList<>();
        if (target.device() == null || target.device().isBlank()) return out;
        DeviceCatalog catalog = DeviceCatalog.standard();
        Device device = catalog.find(target.device()).orElse(null);
        if (target.board() != null && catalog.board(target.board()).isEmpty()) {
            Range r = target.deviceNameRange() != null ? target.deviceNameRange() : target.deviceRange();
            List<String> boards = catalog.boards().stream().map(dev.bramble.device.Board::id).toList();
            List<String> suggestions = Names.closest(target.board(), boards, 3);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("suggestions", suggestions);
            List<Map<String, Object>> fixes = new ArrayList<>();
            for (String s : suggestions) fixes.add(new Fix("device", "Use board " + s, r, s).toData());
            data.put("fixes", fixes);
            out.add(new Diagnostic(r, Severity.ERROR, EstimateCodes.UNKNOWN_DEVICE,
                    "unknown board '" + target.board() + "'" + Names.didYouMean(suggestions)
                            + " (the boards: " + String.join(", ", boards) + "; 'bramble boards' lists them)", data));
            return out;
        }
        if (device == null) {
            List<String> suggestions = catalog.suggest(target.device(), 3);
            Range r = target.deviceNameRange() != null ? target.deviceNameRange() : target.deviceRange();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("suggestions", suggestions);
            List<Map<String, Object>> fixes = new ArrayList<>();
            for (String s : suggestions) fixes.add(new Fix("device", "Use " + s, r, s).toData());
            data.put("fixes", fixes);
            out.add(new Diagnostic(r, Severity.ERROR, EstimateCodes.UNKNOWN_DEVICE,
                    "unknown part '" + target.device() + "'" + Names.didYouMean(suggestions)
                            + " ('bramble devices' lists the catalogue)", data));
            return out;
        }
        if (!planIt || target.lanes() < 1) return out;

        Estimate e = known != null && known.device() == device ? known : Estimator.estimate(Planner.plan(model, target, device));
        Plan plan = e.plan();
        int budget = target.budgetPercent() > 0 ? target.budgetPercent() : Target.DEFAULT_BUDGET_PERCENT;
        Range deviceLine = target.deviceRange() != null ? target.deviceRange() : target.range();
        String part = device.base();
        String bramName = device.family().blockRam().name();

        // Fixes are computed when the user asks for them (fixesFor): each costs a plan per
        // candidate part, format and lane count, too much to pay on every keystroke.
        FixRequest fixes;
        // Block RAM
        if (e.bram() > device.bram()) {
            fixes = new FixRequest(target.name(), 100, false);
            out.add(diag(deviceLine, Severity.ERROR, EstimateCodes.BRAM_OVER, String.format(Locale.ROOT,
                    "weights need %d %s; %s has %d (%s of weights, %d lanes)", e.bram(), bramName, part, device.bram(),
                    bits(e.weightBits()), plan.lanes()), e, fixes));
            int running = 0;
            long bitsSoFar = 0;
            for (LayerEstimate l : e.layers()) {
                running += l.bram();
                bitsSoFar += l.weightBits();
                if (running > device.bram()) {
                    Range r = header(source, l.range());
                    if (r != null) {
                        out.add(diag(r, Severity.ERROR, EstimateCodes.BRAM_OVER, String.format(Locale.ROOT,
                                "%s brings weights to %s in %d %s; %s has %d", l.name(), bits(bitsSoFar), running,
                                bramName, part, device.bram()), e, fixes));
                    }
                    break;
                }
            }
        } else if (e.bramPercent() > budget) {
            out.add(diag(deviceLine, Severity.WARNING, EstimateCodes.BRAM_BUDGET, String.format(Locale.ROOT,
                    "block RAM at %.0f%% of %s (%d of %d %s), above the %d%% budget", e.bramPercent(), part,
                    e.bram(), device.bram(), bramName, budget), e, new FixRequest(target.name(), budget, false)));
        }
        // DSP
        if (e.dsp() > device.dsp()) {
            fixes = new FixRequest(target.name(), 100, false);
            out.add(diag(deviceLine, Severity.ERROR, EstimateCodes.DSP_OVER, String.format(Locale.ROOT,
                    "multipliers need %d %s; %s has %d (%d lanes)", e.dsp(), device.family().dsp().name(), part,
                    device.dsp(), plan.lanes()), e, fixes));
            int running = 0;
            for (LayerEstimate l : e.layers()) {
                running += l.dsp();
                if (running > device.dsp()) {
                    Range r = header(source, l.range());
                    if (r != null) out.add(diag(r, Severity.ERROR, EstimateCodes.DSP_OVER, String.format(Locale.ROOT,
                            "%s brings multipliers to %d %s; %s has %d", l.name(), running,
                            device.family().dsp().name(), part, device.dsp()), e, fixes));
                    break;
                }
            }
        } else if (e.dspPercent() > budget) {
            fixes = new FixRequest(target.name(), budget, false);
            out.add(diag(deviceLine, Severity.WARNING, EstimateCodes.DSP_BUDGET, String.format(Locale.ROOT,
                    "DSP at %.0f%% of %s (%d of %d), above the %d%% budget", e.dspPercent(), part, e.dsp(),
                    device.dsp(), budget), e, fixes));
        }
        // Logic
        if (e.lut() > device.logic()) {
            fixes = new FixRequest(target.name(), 100, true);
            out.add(diag(deviceLine, Severity.ERROR, EstimateCodes.LOGIC_OVER, String.format(Locale.ROOT,
                    "logic needs about %,d %s; %s has %,d", e.lut(), device.family().logicUnit(), part, device.logic()),
                    e, fixes));
        } else if (e.lutPercent() > budget) {
            fixes = new FixRequest(target.name(), budget, true);
            out.add(diag(deviceLine, Severity.WARNING, EstimateCodes.LOGIC_BUDGET, String.format(Locale.ROOT,
                    "logic at about %.0f%% of %s (%,d of %,d %s), above the %d%% budget", e.lutPercent(), part,
                    e.lut(), device.logic(), device.family().logicUnit(), budget), e, fixes));
        }
        padding(plan, e, target, out);
        if (target.clockMHz() > device.family().typicalMaxClockMHz() && target.clockRange() != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("typicalMaxClockMHz", device.family().typicalMaxClockMHz());
            out.add(new Diagnostic(target.clockRange(), Severity.WARNING, EstimateCodes.CLOCK_HIGH, String.format(Locale.ROOT,
                    "%s MHz is above what %s designs typically reach (about %s MHz); timing may not close",
                    EstimateTable.trim(target.clockMHz()), device.family().name(),
                    EstimateTable.trim(device.family().typicalMaxClockMHz())), data));
        }
        return out;
    }

    /** Warns once, on the lanes line, when lanes idle on rows or columns cost a noticeable share of cycles. */
    private static void padding(Plan plan, Estimate e, Target target, List<Diagnostic> out) {
        if (target.lanesRange() == null) return;
        int lanes = plan.lanes();
        long wasted = 0;
        List<String> where = new ArrayList<>();
        for (TensorLayout l : plan.layouts()) {
            if (l.embedding()) continue;
            long slots = (long) l.passes() * l.segment() * lanes;
            long useful = (long) l.rows() * l.columns();
            if (slots > useful) {
                wasted += (slots - useful + lanes - 1) / lanes;
                where.add(l.layer() + " [" + l.rows() + "x" + l.columns() + "]");
            }
        }
        if (where.isEmpty() || wasted < PADDING_WARN_FRACTION * e.cyclesPerToken()) return;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("paddingCycles", wasted);
        data.put("layers", where);
        out.add(new Diagnostic(target.lanesRange(), Severity.WARNING, EstimateCodes.LANES_PADDING, String.format(Locale.ROOT,
                "%d lanes do not divide %s: idle lanes cost about %d of %.0f cycles per token", lanes,
                String.join(", ", where), wasted, e.cyclesPerToken()), data));
    }

    /** What {@link #fixesFor} needs to find a diagnostic's fixes: the target, and the share of the part a fix must stay within. */
    private record FixRequest(String target, int percent, boolean withLogic) {}

    private static Diagnostic diag(Range range, Severity severity, String code, String message, Estimate e, FixRequest fixes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("bram", e.bram());
        data.put("bramCapacity", e.device().bram());
        data.put("dsp", e.dsp());
        data.put("dspCapacity", e.device().dsp());
        data.put("logic", e.lut());
        data.put("logicCapacity", e.device().logic());
        data.put(FIX_TARGET, fixes.target());
        data.put(FIX_PERCENT, fixes.percent());
        data.put(FIX_WITH_LOGIC, fixes.withLogic());
        return new Diagnostic(range, severity, code, message, data);
    }

    /** Keys of a budget diagnostic's {@code data} that say how to find its fixes. */
    public static final String FIX_TARGET = "fixTarget", FIX_PERCENT = "fixPercent", FIX_WITH_LOGIC = "fixWithLogic";

    /**
     * The fixes of a budget diagnostic, from the {@code FIX_*} entries of its data: computed on
     * demand (when the editor asks for code actions), not with the diagnostic. Empty when the
     * target's part is unknown or nothing fits.
     */
    public static List<Map<String, Object>> fixesFor(Model model, Target target, int percent, boolean withLogic) {
        Device device = target.device() == null ? null : DeviceCatalog.standard().find(target.device()).orElse(null);
        if (device == null || target.lanes() < 1) return List.of();
        return fixes(model, target, device, percent, withLogic);
    }

    /**
     * The edit that moves a target to part {@code d}: its name in place of the part's on a
     * {@code device} line; on a {@code board} line a board with that part, or else the whole
     * line becomes {@code device PART} (a part's name is no board's).
     */
    static Map<String, Object> partFix(Target target, Device d) {
        String title = "Use " + d.base() + (d.aliases().isEmpty() ? "" : " (" + d.aliases().get(0) + ")");
        if (target.board() == null || target.deviceRange() == null) {
            Range r = target.deviceNameRange() != null ? target.deviceNameRange() : target.deviceRange();
            return new Fix("device", title, r, d.base()).toData();
        }
        List<dev.bramble.device.Board> boards = DeviceCatalog.standard().boardsWith(d);
        if (!boards.isEmpty() && target.deviceNameRange() != null) {
            String id = boards.get(0).id();
            return new Fix("device", "Use board " + id + " (" + d.base() + ")", target.deviceNameRange(), id).toData();
        }
        return new Fix("device", title, target.deviceRange(), "device " + d.base()).toData();
    }

    /**
     * The fixes for a design that does not fit (or is over budget): the smallest part that fits
     * (same family first), the widest catalogued weight format narrower than the current one that
     * fits, {@code storage lut}, and the most lanes below the current that fit.
     * {@code withLogic}: whether a candidate must also bring logic within {@code percent}. Block
     * RAM and DSP counts are exact; logic is a model, so block RAM and DSP fixes are judged on
     * block RAM and DSP alone, and only logic diagnostics demand a logic fit.
     */
    static List<Map<String, Object>> fixes(Model model, Target target, Device device, int percent, boolean withLogic) {
        List<Map<String, Object>> out = new ArrayList<>();
        Estimate now = Estimator.estimate(Planner.plan(model, target, device));
        // Part
        List<Device> parts = new ArrayList<>(DeviceCatalog.standard().devices());
        parts.sort(Comparator.comparing((Device d) -> !d.family().id().equals(device.family().id()))
                .thenComparingLong(Device::bramBits).thenComparingInt(Device::logic));
        for (Device d : parts) {
            if (d == device) continue;
            Estimate onPart = Estimator.estimate(Planner.plan(model, target, d));
            // Never suggest a part the design would overflow in logic: the user would trade one error for another.
            if (fits(onPart, percent, withLogic) && onPart.lutPercent() <= 100) {
                out.add(partFix(target, d));
                break;
            }
        }
        // Weight format
        FixedFormat current = model.weightFormat();
        if (model.numericRange() != null) {
            List<FixedFormat> narrower = new ArrayList<>();
            for (FixedFormat f : FORMATS) if (f.totalBits() < current.totalBits()) narrower.add(f);
            narrower.sort(Comparator.comparingInt((FixedFormat f) -> -f.totalBits())
                    .thenComparingInt(f -> f.intBits() == current.intBits() ? 0 : 1));
            for (FixedFormat f : narrower) {
                Estimate e = Estimator.estimate(Planner.plan(withWeightFormat(model, f), target, device));
                if (fits(e, percent, withLogic) && keepsLogic(e, now)) {
                    out.add(new Fix("format", "Use " + f + " weights", model.numericRange(),
                            "numeric weights " + f + ", activations " + model.activationFormat()).toData());
                    break;
                }
            }
        }
        // Storage
        if (target.storage() != Storage.LUT && target.storageRange() != null) {
            Estimate e = Estimator.estimate(Planner.plan(model, withStorage(target, Storage.LUT), device));
            if (fits(e, percent, withLogic) && keepsLogic(e, now)) {
                out.add(new Fix("storage", "Keep weights in LUTs (storage lut)", target.storageRange(), "storage lut").toData());
            }
        }
        // Lanes
        if (target.lanesRange() != null) {
            for (int lanes = target.lanes() - 1; lanes >= 1; lanes--) {
                Estimate e = Estimator.estimate(Planner.plan(model, withLanes(target, lanes), device));
                if (fits(e, percent, withLogic) && keepsLogic(e, now)) {
                    out.add(new Fix("lanes", "Use " + lanes + " lanes", target.lanesRange(), "lanes " + lanes).toData());
                    break;
                }
            }
        }
        return out;
    }

    static boolean fits(Estimate e, int percent, boolean withLogic) {
        return e.bramPercent() <= percent && e.dspPercent() <= percent && (!withLogic || e.lutPercent() <= percent);
    }

    /**
     * A fix that changes the design on the same part must not trade one error for another: it
     * may not push logic past the part, nor grow logic that is already past it.
     */
    static boolean keepsLogic(Estimate candidate, Estimate now) {
        return candidate.lutPercent() <= 100 || candidate.lut() <= now.lut();
    }

    static Model withWeightFormat(Model m, FixedFormat f) {
        return new Model(m.name(), m.nameRange(), m.range(), m.constants(), m.weights(), m.tokens(), f,
                m.activationFormat(), m.numericRange(), m.layers());
    }

    static Target withStorage(Target t, Storage s) {
        return new Target(t.name(), t.nameRange(), t.range(), t.device(), t.deviceRange(), t.deviceNameRange(),
                t.clockMHz(), t.clockRange(), t.lanes(), t.lanesRange(), s, t.storageRange(), t.budgetPercent(), t.budgetRange(), t.board(), t.boardRange(), t.baud(), t.baudRange());
    }

    static Target withLanes(Target t, int lanes) {
        return new Target(t.name(), t.nameRange(), t.range(), t.device(), t.deviceRange(), t.deviceNameRange(),
                t.clockMHz(), t.clockRange(), lanes, t.lanesRange(), t.storage(), t.storageRange(), t.budgetPercent(), t.budgetRange(), t.board(), t.boardRange(), t.baud(), t.baudRange());
    }

    /**
     * A layer's range as narrow as a diagnostic about the whole layer needs: its first line (a
     * multi-line attention block's header, {@code attention heads 4 {}), without the opening
     * brace, trailing blanks or a comment. The whole range when the text is unknown.
     */
    static Range header(SourceText source, Range layer) {
        if (layer == null || source == null || layer.start().line() == layer.end().line()) return layer;
        int line = layer.start().line();
        if (line >= source.lineCount()) return layer;
        String text = source.line(line);
        int end = text.length();
        int comment = text.indexOf("//", Math.min(layer.start().character(), end));
        if (comment >= 0) end = comment;
        while (end > layer.start().character() && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == '{')) end--;
        if (end <= layer.start().character()) return layer;
        return new Range(layer.start(), new dev.bramble.lang.source.Position(line, end));
    }

    static String bits(long bits) {
        if (bits >= 1_000_000) return String.format(Locale.ROOT, "%.1f Mbit", bits / 1e6);
        if (bits >= 1_000) return String.format(Locale.ROOT, "%.1f kbit", bits / 1e3);
        return bits + " bit";
    }
}

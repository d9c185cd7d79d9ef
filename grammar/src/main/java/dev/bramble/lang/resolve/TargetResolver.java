package dev.bramble.lang.resolve;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.grammar.BrambleParser.BaudFieldContext;
import dev.bramble.grammar.BrambleParser.BoardFieldContext;
import dev.bramble.grammar.BrambleParser.BudgetFieldContext;
import dev.bramble.grammar.BrambleParser.ClockFieldContext;
import dev.bramble.grammar.BrambleParser.DeviceFieldContext;
import dev.bramble.grammar.BrambleParser.LanesFieldContext;
import dev.bramble.grammar.BrambleParser.PartPieceContext;
import dev.bramble.grammar.BrambleParser.StorageFieldContext;
import dev.bramble.grammar.BrambleParser.TargetContext;
import dev.bramble.grammar.BrambleParser.TargetItemContext;
import dev.bramble.lang.source.Codes;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Reference;
import dev.bramble.lang.model.Storage;
import dev.bramble.lang.model.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.antlr.v4.runtime.Token;

/**
 * Resolves one {@code target} block. Its fields may come in any order; each may appear once.
 * Checks only what the language knows (presence, ranges); whether the device exists and
 * what the design costs on it is the server's business.
 */
final class TargetResolver {
    private final Ranges ranges;
    private final List<Diagnostic> diagnostics;
    private final ConstantTable constants;

    TargetResolver(Ranges ranges, List<Diagnostic> diagnostics, List<Reference> references) {
        this.ranges = ranges;
        this.diagnostics = diagnostics;
        this.constants = new ConstantTable(ranges, diagnostics, references);   // targets have no constants
    }

    Target resolve(TargetContext ctx) {
        if (!Ranges.present(ctx.name)) return null;
        String name = ctx.name.getText();
        Map<String, Range> seen = new HashMap<>();
        String device = null;
        Range deviceRange = null, deviceNameRange = null, clockRange = null, lanesRange = null;
        Range storageRange = null, budgetRange = null, boardRange = null, baudRange = null;
        int baud = 0;
        String board = null;
        double clock = 0;
        int lanes = 0;
        Storage storage = Storage.AUTO;
        int budget = Target.DEFAULT_BUDGET_PERCENT;

        for (TargetItemContext item : ctx.targetItem()) {
            if (item.exception != null && item.getChildCount() < 2) continue;
            String field = item.getStart().getText();
            Range itemRange = ranges.of(item);
            Range first = seen.putIfAbsent(field, itemRange);
            if (first != null) {
                diagnostics.add(Diagnostic.error(itemRange, Codes.DUPLICATE_FIELD, "target " + name + " already sets '"
                        + field + "' on line " + (first.start().line() + 1) + "; keep one"));
                continue;
            }
            if (item instanceof DeviceFieldContext d) {
                if (boardRange != null) {
                    diagnostics.add(Diagnostic.error(itemRange, Codes.DUPLICATE_FIELD, "target " + name + " already names its part with"
                            + " 'board'; keep 'board' (the board gives the part) or 'device', not both"));
                    continue;
                }
                deviceRange = itemRange;
                if (d.partString != null && Ranges.present(d.partString)) {
                    String quoted = d.partString.getText();
                    device = quoted.substring(1, quoted.length() - 1);
                    deviceNameRange = ranges.of(d.partString);
                } else if (d.partName() != null) {
                    device = partName(d.partName().partPiece());
                    deviceNameRange = ranges.of(d.partName());
                }
            } else if (item instanceof BoardFieldContext b) {
                if (seen.containsKey("device") || deviceRange != null) {
                    diagnostics.add(Diagnostic.error(itemRange, Codes.DUPLICATE_FIELD, "target " + name + " already names its part with"
                            + " 'device'; keep 'board' (the board gives the part) or 'device', not both"));
                    continue;
                }
                boardRange = itemRange;
                deviceRange = itemRange;
                if (b.boardString != null && Ranges.present(b.boardString)) {
                    String quoted = b.boardString.getText();
                    board = quoted.substring(1, quoted.length() - 1);
                    deviceNameRange = ranges.of(b.boardString);
                } else if (b.boardName != null) {
                    board = partName(b.boardName.partPiece());
                    deviceNameRange = ranges.of(b.boardName);
                }
                device = board;
            } else if (item instanceof ClockFieldContext c) {
                clockRange = itemRange;
                clock = clock(c);
            } else if (item instanceof LanesFieldContext l) {
                lanesRange = itemRange;
                lanes = lanes(l);
            } else if (item instanceof StorageFieldContext s && s.kind != null) {
                storageRange = itemRange;
                storage = switch (s.kind.getType()) {
                    case BrambleLexer.BRAM -> Storage.BRAM;
                    case BrambleLexer.LUT -> Storage.LUT;
                    default -> Storage.AUTO;
                };
            } else if (item instanceof BaudFieldContext b && Ranges.present(b.baud)) {
                baudRange = itemRange;
                String digits = b.baud.getText();
                long value = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
                if (value < 300 || value > 3_000_000) {
                    diagnostics.add(Diagnostic.error(ranges.of(b), Codes.BAUD_RANGE, "baud must be between 300 and 3000000, found "
                            + digits + "; the board top's UART runs at this rate (115200 when the target states none)"));
                } else baud = (int) value;
            } else if (item instanceof BudgetFieldContext b && Ranges.present(b.percent)) {
                budgetRange = itemRange;
                budget = budget(b);
            }
        }
        Range nameRange = ranges.of(ctx.name);
        if (boardRange == null) requireField(seen, "device", name, nameRange, "device xc7a35t");
        requireField(seen, "clock", name, nameRange, "clock 50 MHz");
        requireField(seen, "lanes", name, nameRange, "lanes 16");
        return new Target(name, nameRange, ranges.of(ctx), device, deviceRange, deviceNameRange, clock, clockRange,
                lanes, lanesRange, storage, storageRange, budget, budgetRange, board, boardRange, baud, baudRange);
    }

    /** Rebuilds a part number the lexer split into pieces; spaces inside are an error. */
    private String partName(List<PartPieceContext> pieces) {
        StringBuilder name = new StringBuilder();
        Token previous = null;
        for (PartPieceContext piece : pieces) {
            Token token = piece.getStart();
            if (previous != null && token.getStartIndex() != previous.getStopIndex() + 1) {
                Range range = ranges.span(pieces.get(0), pieces.get(pieces.size() - 1));
                diagnostics.add(Diagnostic.error(range, Codes.DEVICE_NAME, "device name has a space in it; write the part"
                        + " number as one word (xc7a35tcsg324-1) or in quotes"));
                return null;
            }
            name.append(token.getText());
            previous = token;
        }
        return name.toString();
    }

    private double clock(ClockFieldContext c) {
        java.util.OptionalDouble given = NumberLiterals.value(c.frequency);
        if (given.isEmpty() || c.unit == null || !Ranges.present(c.unit)) return 0;
        double value = given.getAsDouble();
        double mhz = switch (c.unit.getType()) {
            case BrambleLexer.KHZ -> value / 1000;
            case BrambleLexer.GHZ -> value * 1000;
            default -> value;
        };
        if (c.sign != null) mhz = -mhz;
        if (!(mhz > 0) || Double.isInfinite(mhz)) {
            diagnostics.add(Diagnostic.error(ranges.span(c.sign != null ? c.sign : c.frequency.getStart(), c.unit), Codes.CLOCK_RANGE, "clock must be above 0,"
                    + " found " + (c.sign != null ? "-" : "") + c.frequency.getText() + " " + c.unit.getText()));
            return 0;
        }
        return mhz;
    }

    private int lanes(LanesFieldContext l) {
        OptionalLong v = constants.evaluate(l.lanes);
        if (v.isEmpty()) return 0;
        long n = v.getAsLong();
        if (n < 1 || n > 65536) {
            diagnostics.add(Diagnostic.error(ranges.of(l.lanes), Codes.LANES_RANGE, "lanes must be between 1 and 65536,"
                    + " found " + n + "; lanes are the multiply-accumulate units working in parallel"));
            return 0;
        }
        return (int) n;
    }

    private int budget(BudgetFieldContext b) {
        String digits = b.percent.getText();
        int percent = digits.length() > 4 ? 9999 : Integer.parseInt(digits);
        if (percent < 1 || percent > 100) {
            diagnostics.add(Diagnostic.error(ranges.of(b), Codes.BUDGET_RANGE, "budget must be between 1 % and 100 %,"
                    + " found " + digits + " %"));
            return Target.DEFAULT_BUDGET_PERCENT;
        }
        return percent;
    }

    private void requireField(Map<String, Range> seen, String field, String target, Range nameRange, String example) {
        if (seen.containsKey(field)) return;
        diagnostics.add(new Diagnostic(nameRange, dev.bramble.lang.source.Severity.ERROR, Codes.MISSING_FIELD,
                "target " + target + " has no '" + field + "'; add a line such as '" + example + "'",
                Map.of("field", field, "example", example)));
    }
}

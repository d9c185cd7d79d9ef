package dev.bramble.device;

import java.util.List;

/**
 * A family's multiplier block and the rule that turns one multiplier of {@code a × b} bits into
 * cells. {@code rule} is {@code yosys-mul2dsp} (the widths below are Yosys 0.23's own mul2dsp
 * parameters for the family), {@code cyclonev} or {@code gowin}.
 */
public record DspKind(String name, List<String> cells, String rule,
                      int aMax, int bMax, int aMaxPartial, int aMin, int bMin, int yMin, boolean signedOnly,
                      String source, String vendorRuleOnly) {
    public DspKind {
        cells = List.copyOf(cells);
    }
}

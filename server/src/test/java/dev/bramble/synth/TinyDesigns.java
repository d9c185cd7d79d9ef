package dev.bramble.synth;

/** Small designs the synthesis tests (CLI and language server) run real Yosys and nextpnr on. */
public final class TinyDesigns {
    private TinyDesigns() {}

    /**
     * One 8→4 linear layer and argmax on an iCE40UP5K, 2 lanes: Yosys maps block RAM and DSP both
     * (2 SB_RAM40_4K, 2 SB_MAC16) in seconds, and nextpnr-ice40 places it.
     */
    public static final String ICE40 = """
            model tiny {
                input   x [8] q1.7
                weights random seed 1
                numeric weights q1.7, activations q4.12
                linear fc1 [8 -> 4]
                argmax
            }

            target ice {
                device  ice40up5k
                clock   24 MHz
                lanes   2
                storage bram
            }
            """;
}

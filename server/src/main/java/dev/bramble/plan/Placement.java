package dev.bramble.plan;

/**
 * Where one of the core's small writable memories lives (the lanes' activation rows, a KV
 * cache). {@link #style} is the number the RTL's STYLE / KV_STYLE parameter takes
 * (rtl-lib/lane_scratch.v, rtl-lib/attention_core.v): Verilog attributes must be literals, so
 * each placement is a branch of its own there.
 */
public enum Placement {
    /** Flip-flops with a row multiplexer per read port: the fallback. */
    REGISTERS(0),
    /** The family's logic cells as small RAMs (MLAB, DPR16X4, RAM32M), read combinationally. */
    LUT_RAM(1),
    /**
     * Block RAM. A memory read combinationally elsewhere is read here on the clock's falling
     * edge (the address is settled half a cycle after the rising edge), one block copy per read
     * port: what a family whose logic cells cannot be RAM (iCE40) uses instead of flip-flops
     * when blocks are left over.
     */
    BLOCK_RAM(2),
    /**
     * The part's large single-port RAM (UltraPlus SPRAM: Device.largeRam): one address for
     * reads and writes, so only a memory no clock both reads and writes (the sampler's stored
     * sums, the logit store); on a write clock the read register keeps its word. It frees the
     * block RAMs for what saves logic there.
     */
    LARGE_RAM(3);

    private final int style;

    Placement(int style) {
        this.style = style;
    }

    public int style() {
        return style;
    }
}

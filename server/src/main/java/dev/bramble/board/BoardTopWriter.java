package dev.bramble.board;

import dev.bramble.device.Board;
import dev.bramble.lang.model.Model;
import dev.bramble.errors.UserError;
import dev.bramble.plan.CoreOp;
import dev.bramble.plan.CoreProgram;

import java.util.Locale;

/**
 * Writes the board top around an emitted core (a token core, or a vector-input core through
 * {@code board_link_vector}): the clock ({@code board_clock}: the
 * family's PLL, the oscillator itself or the divider fallback of {@link ClockPlan}), a reset
 * synchroniser (the board's button, the PLL's lock and a power-on count, through two flip-flops),
 * {@code board_link} (UART and the protocol of docs/board.md, which drives the core's ports as
 * the emitted testbench does) and the busy/error LEDs. Ports: {@code clk_osc, btn_reset,
 * uart_rx, uart_tx, led_busy, led_error}; every one gets a pin from the board's data.
 */
final class BoardTopWriter {
    /** The board top's ports, in order; {@link ProjectFiles} gives each the board's pin. */
    static final java.util.List<String> PORTS = java.util.List.of("clk_osc", "btn_reset", "uart_rx", "uart_tx", "led_busy", "led_error");

    private BoardTopWriter() {}

    /**
     * The core's facts the link needs; a model the protocol cannot carry is a {@link UserError}.
     * A vector-input core ({@code inputs > 0}) takes {@code inputs} elements of {@code inputBits}
     * bits, {@code lanes} per transfer; a token core has {@code inputs == 0}.
     */
    record CoreFacts(int tokenWidth, int context, int vocabulary, int bos, int temperatureQ88, int inputs, int inputBits, int lanes) {
        boolean vector() {
            return inputs > 0;
        }

        static CoreFacts of(CoreProgram program) throws UserError {
            Model model = program.model();
            int temp = BoardProtocol.temperatureQ88(model);
            if (!program.tokenModel()) {
                CoreOp.Input in = (CoreOp.Input) program.ops().get(0);
                int classes = program.logitCount();
                if (classes > 256) {
                    throw new UserError("model " + model.name() + ": the serial protocol carries the class in one byte; " + classes
                            + " classes must be at most 256");
                }
                if (BoardProtocol.vectorBody(in.width(), in.inBits()) > 0xFFFF) {
                    throw new UserError("model " + model.name() + ": a request carries at most 65,528 bytes of input; " + in.width()
                            + " elements of " + in.inBits() + " bits do not fit");
                }
                return new CoreFacts(bits(Math.max(1, classes - 1)), 1, classes, -1, temp, in.width(), in.inBits(), program.lanes());
            }
            if (model.tokens() == null || !model.tokens().bos()) {
                throw new UserError("model " + model.name() + " has no BOS token; the board starts every sample with BOS:"
                        + " add 'bos' to its 'tokens' line");
            }
            int vocab = model.vocabulary();
            if (vocab > 255 || model.context() > 255) {
                throw new UserError("model " + model.name() + ": the serial protocol carries tokens and positions in one byte;"
                        + " vocabulary " + vocab + " and context " + model.context() + " must be at most 255");
            }
            int vcount = program.logitCount();
            int tw = bits(Math.max(1, Math.max(vocab, vcount) - 1));
            return new CoreFacts(tw, model.context(), vocab, model.tokens().bosId(), temp, 0, 0, 1);
        }
    }

    /**
     * How the token link is sized from the core's plan: the prompt in a block RAM when the core
     * leaves one of the part's blocks free and the family's logic cannot be RAM (iCE40; else
     * flip-flops or LUT RAM: 5 x context bits and a select),
     * and the watchdog as a bit of the sample's cycle count — 2^bit is at least four times the
     * plan's longest sample (every position of the context), so only a core that stopped trips it.
     */
    record LinkSizing(boolean promptInBlock, int watchdogBit) {
        static final LinkSizing DEFAULT = new LinkSizing(false, 24);

        static LinkSizing of(dev.bramble.plan.Plan plan) {
            if (plan == null || plan.device() == null) return DEFAULT;
            int used = dev.bramble.estimate.Estimator.estimate(plan).bram();
            long sample = 0;
            for (int t = 0; t < plan.schedule().context(); t++) sample += plan.schedule().cyclesAt(t);
            int bit = 10;
            while (bit < 31 && (1L << bit) < 4 * sample) bit++;
            // LUT RAM or flip-flops hold 5 x context bits where the logic can be RAM; a block only on iCE40
            boolean block = !plan.device().family().distributedRam() && used < plan.device().bram();
            return new LinkSizing(block, bit);
        }
    }

    static int bits(long maxValue) {
        int b = 1;
        while ((1L << b) <= maxValue) b++;
        return b;
    }

    static String top(String core, BoardTarget bt, CoreFacts f, LinkSizing sizing) {
        Board b = bt.board();
        long hz = Math.round(bt.clock().reachedMHz() * 1e6);
        long timeout = Math.max(1000, hz / 20);       // 50 ms of silence inside a frame
        StringBuilder v = new StringBuilder();
        v.append("// Generated by Bramble: the ").append(b.name()).append(" top around core '").append(core).append("'.\n");
        v.append("// Clock: ").append(bt.clock().describe()).append(". Serial: ").append(bt.baud()).append(" baud 8N1 (")
                .append(bt.clocksPerBit()).append(" clocks per bit). Protocol: docs/board.md. Do not edit: re-run 'bramble build'.\n");
        v.append("module ").append(core).append("_board (\n");
        v.append("    input  wire clk_osc,    // ").append(ClockPlan.fmt(b.clockMHz())).append(" MHz oscillator, pin ").append(b.clock().site()).append('\n');
        v.append("    input  wire btn_reset,  // ").append(b.resetName()).append(b.resetActiveLow() ? ", low when pressed" : ", high when pressed").append('\n');
        v.append("    input  wire uart_rx,    // from the host\n");
        v.append("    output wire uart_tx,    // to the host\n");
        v.append("    output wire led_busy,   // ").append(b.ledNames().get(0)).append(": a request is running\n");
        v.append("    output wire led_error   // ").append(b.ledNames().get(Math.min(1, b.ledNames().size() - 1))).append(": a request was refused or a frame dropped (lit until the next accepted request)\n");
        v.append(");\n");
        v.append("    wire clk, locked;\n");
        v.append("    board_clock clock_gen (.clk_osc(clk_osc), .clk(clk), .locked(locked));\n\n");
        v.append("    // Reset: the button, the clock's lock and a power-on count, synchronised to clk.\n");
        v.append("    wire pressed = ").append(b.resetActiveLow() ? "!btn_reset" : "btn_reset").append(";\n");
        v.append("    reg [1:0] sync = 2'b11;\n");
        v.append("    reg [3:0] power_on = 4'd0;\n");
        v.append("    always @(posedge clk) begin\n");
        v.append("        sync <= {sync[0], pressed || !locked};\n");
        v.append("        if (power_on != 4'hf) power_on <= power_on + 4'd1;\n");
        v.append("    end\n");
        v.append("    wire rst = sync[1] || power_on != 4'hf;\n\n");
        int tw = f.tokenWidth();
        if (f.vector()) {
            int iw = f.lanes() * f.inputBits();
            v.append("    wire core_rst, start, in_valid, in_ready, out_valid, out_ready, busy, error;\n");
            v.append("    wire [31:0] seed;\n");
            v.append("    wire [").append(iw - 1).append(":0] in_data;\n");
            v.append("    wire [").append(tw - 1).append(":0] out_token;\n");
            v.append(String.format(Locale.ROOT, "    board_link_vector #(.TW(%d), .N(%d), .NI(%d), .LANES(%d), .V(%d), .TEMP(16'd%d), .CLOCK_HZ(32'd%d),%n"
                            + "        .CLKS_PER_BIT(%d), .TIMEOUT(%d)) link (%n", tw, f.inputs(), f.inputBits(), f.lanes(),
                    f.vocabulary(), f.temperatureQ88(), hz, bt.clocksPerBit(), timeout));
            v.append("        .clk(clk), .rst(rst), .rx(uart_rx), .tx(uart_tx), .core_rst(core_rst), .seed(seed), .start(start),\n");
            v.append("        .in_valid(in_valid), .in_ready(in_ready), .in_data(in_data),\n");
            v.append("        .out_valid(out_valid), .out_ready(out_ready), .out_token(out_token), .busy(busy), .error(error));\n\n");
        } else {
            v.append("    wire core_rst, start, in_valid, in_ready, in_choose, out_valid, out_ready, busy, error;\n");
            v.append("    wire [31:0] seed;\n");
            v.append("    wire [").append(tw - 1).append(":0] in_token, out_token;\n");
            v.append(String.format(Locale.ROOT, "    board_link #(.TW(%d), .CTX(%d), .V(%d), .BOS(%d), .TEMP(16'd%d), .CLOCK_HZ(32'd%d), .CLKS_PER_BIT(%d),%n"
                            + "        .TIMEOUT(%d), .WATCHDOG_BIT(%d), .FED_BLOCK(%d)) link (%n", tw, f.context(), f.vocabulary(), f.bos(),
                    f.temperatureQ88(), hz, bt.clocksPerBit(), timeout, sizing.watchdogBit(), sizing.promptInBlock() ? 1 : 0));
            v.append("        .clk(clk), .rst(rst), .rx(uart_rx), .tx(uart_tx), .core_rst(core_rst), .seed(seed), .start(start),\n");
            v.append("        .in_valid(in_valid), .in_ready(in_ready), .in_token(in_token), .in_choose(in_choose),\n");
            v.append("        .out_valid(out_valid), .out_ready(out_ready), .out_token(out_token), .busy(busy), .error(error));\n\n");
        }
        v.append("    /* verilator lint_off PINCONNECTEMPTY */ // the debug logits and `done` are for testbenches\n");
        v.append("    ").append(core).append(" core (.clk(clk), .rst(rst || core_rst), .seed(seed), .start(start), .in_valid(in_valid), .in_ready(in_ready),\n");
        v.append(f.vector() ? "        .in_data(in_data), " : "        .in_token(in_token), .in_choose(in_choose), ");
        v.append(".out_valid(out_valid), .out_ready(out_ready), .out_token(out_token),\n");
        v.append("        .done(), .dbg_z_we(), .dbg_z_pass(), .dbg_z());\n");
        v.append("    /* verilator lint_on PINCONNECTEMPTY */\n\n");
        v.append("    assign led_busy = ").append(b.ledsActiveLow() ? "!busy" : "busy").append(";\n");
        v.append("    assign led_error = ").append(b.ledsActiveLow() ? "!error" : "error").append(";\n");
        v.append("endmodule\n");
        return v.toString();
    }

    /** {@code board_clock}: the clock the top runs on, for the hardware. */
    static String clock(BoardTarget bt) {
        ClockPlan c = bt.clock();
        StringBuilder v = new StringBuilder();
        v.append("// Generated by Bramble: ").append(c.describe()).append(".\n");
        v.append("module board_clock (input wire clk_osc, output wire clk, output wire locked);\n");
        switch (c.kind()) {
            case DIRECT -> {
                v.append("    assign clk = clk_osc;\n");
                v.append("    assign locked = 1'b1;\n");
            }
            case PLL -> v.append(pll(c, bt.board().clockMHz()));
            case DIVIDER -> {
                int n = c.divider();
                int w = bits(n - 1);
                v.append("    // clk is high for the first ").append(n / 2).append(" of every ").append(n).append(" oscillator cycles\n");
                v.append("    reg [").append(w - 1).append(":0] count = 0;\n");
                v.append("    reg divided = 1'b0;\n");
                v.append("    always @(posedge clk_osc) begin\n");
                v.append("        count <= (count == ").append(w).append("'d").append(n - 1).append(") ? ").append(w).append("'d0 : count + 1'b1;\n");
                v.append("        divided <= count < ").append(w).append("'d").append(n / 2).append(";\n");
                v.append("    end\n");
                v.append("    assign clk = divided;\n");
                v.append("    assign locked = 1'b1;\n");
            }
        }
        v.append("endmodule\n");
        return v.toString();
    }

    /** The family's PLL instance (the search's settings; docs/board.md). */
    static String pll(ClockPlan c, double oscMHz) {
        java.util.Map<String, Integer> p = c.pll();
        String out = ClockPlan.fmt(c.reachedMHz());
        return switch (c.primitive()) {
            case "SB_PLL40_PAD" -> "    SB_PLL40_PAD #(.FEEDBACK_PATH(\"SIMPLE\"), .DIVR(4'd" + p.get("DIVR") + "), .DIVF(7'd" + p.get("DIVF")
                    + "), .DIVQ(3'd" + p.get("DIVQ") + "), .FILTER_RANGE(3'd" + p.get("FILTER_RANGE") + ")) pll (\n"
                    + "        .PACKAGEPIN(clk_osc), .PLLOUTGLOBAL(clk), .LOCK(locked), .RESETB(1'b1), .BYPASS(1'b0));\n";
            case "EHXPLLL" -> "    (* FREQUENCY_PIN_CLKI=\"" + ClockPlan.fmt(oscMHz) + "\" *) (* FREQUENCY_PIN_CLKOP=\"" + out + "\" *)\n"
                    + "    (* ICP_CURRENT=\"12\" *) (* LPF_RESISTOR=\"8\" *) (* MFG_ENABLE_FILTEROPAMP=\"1\" *) (* MFG_GMCREF_SEL=\"2\" *)\n"
                    + "    EHXPLLL #(.PLLRST_ENA(\"DISABLED\"), .INTFB_WAKE(\"DISABLED\"), .STDBY_ENABLE(\"DISABLED\"), .DPHASE_SOURCE(\"DISABLED\"),\n"
                    + "        .OUTDIVIDER_MUXA(\"DIVA\"), .OUTDIVIDER_MUXB(\"DIVB\"), .OUTDIVIDER_MUXC(\"DIVC\"), .OUTDIVIDER_MUXD(\"DIVD\"),\n"
                    + "        .CLKI_DIV(" + p.get("CLKI_DIV") + "), .CLKOP_ENABLE(\"ENABLED\"), .CLKOP_DIV(" + p.get("CLKOP_DIV") + "), .CLKOP_CPHASE("
                    + p.get("CLKOP_CPHASE") + "), .CLKOP_FPHASE(0),\n"
                    + "        .FEEDBK_PATH(\"CLKOP\"), .CLKFB_DIV(" + p.get("CLKFB_DIV") + ")) pll (\n"
                    + "        .RST(1'b0), .STDBY(1'b0), .CLKI(clk_osc), .CLKOP(clk), .CLKFB(clk), .CLKINTFB(), .PHASESEL0(1'b0), .PHASESEL1(1'b0),\n"
                    + "        .PHASEDIR(1'b1), .PHASESTEP(1'b1), .PHASELOADREG(1'b1), .PLLWAKESYNC(1'b0), .ENCLKOP(1'b0), .LOCK(locked));\n";
            case "MMCME2_BASE" -> "    wire feedback, clk_unbuffered;\n"
                    + "    MMCME2_BASE #(.CLKIN1_PERIOD(" + String.format(java.util.Locale.ROOT, "%.3f", 1000.0 / oscMHz) + "), .CLKFBOUT_MULT_F("
                    + p.get("M") + ".0), .DIVCLK_DIVIDE(" + p.get("D") + "), .CLKOUT0_DIVIDE_F(" + p.get("O") + ".0)) mmcm (\n"
                    + "        .CLKIN1(clk_osc), .CLKFBIN(feedback), .CLKFBOUT(feedback), .CLKOUT0(clk_unbuffered), .LOCKED(locked),\n"
                    + "        .PWRDWN(1'b0), .RST(1'b0));\n"
                    + "    BUFG global (.I(clk_unbuffered), .O(clk));\n";
            case "altera_pll" -> "    altera_pll #(.fractional_vco_multiplier(\"false\"), .reference_clock_frequency(\"" + ClockPlan.fmt(oscMHz)
                    + " MHz\"), .operation_mode(\"direct\"),\n"
                    + "        .number_of_clocks(1), .output_clock_frequency0(\"" + out + " MHz\"), .phase_shift0(\"0 ps\"), .duty_cycle0(50),\n"
                    + "        .pll_type(\"General\"), .pll_subtype(\"General\")) pll (\n"
                    + "        .rst(1'b0), .outclk(clk), .locked(locked), .fboutclk(), .fbclk(1'b0), .refclk(clk_osc));\n";
            case "rPLL" -> "    rPLL #(.FCLKIN(\"" + ClockPlan.fmt(oscMHz) + "\"), .IDIV_SEL(" + p.get("IDIV_SEL") + "), .FBDIV_SEL(" + p.get("FBDIV_SEL")
                    + "), .ODIV_SEL(" + p.get("ODIV_SEL") + "), .DEVICE(\"GW1NR-9C\")) pll (\n"
                    + "        .CLKOUT(clk), .LOCK(locked), .CLKOUTP(), .CLKOUTD(), .CLKOUTD3(), .CLKIN(clk_osc), .CLKFB(1'b0), .RESET(1'b0),\n"
                    + "        .RESET_P(1'b0), .FBDSEL(6'b0), .IDSEL(6'b0), .ODSEL(6'b0), .PSDA(4'b0), .DUTYDA(4'b0), .FDLY(4'b0));\n";
            default -> throw new IllegalStateException("no PLL template for " + c.primitive());
        };
    }

    /** {@code board_clock} for simulation: the simulator drives the top's clock directly. */
    static String simulationClock() {
        return "// Generated by Bramble: in simulation the oscillator input carries the core's clock (the PLL or divider is\n"
                + "// replaced by a wire; every other line of the board top is the one built).\n"
                + "/* verilator lint_off DECLFILENAME */ // this file stands in for board_clock.v\n"
                + "module board_clock (input wire clk_osc, output wire clk, output wire locked);\n"
                + "    assign clk = clk_osc;\n"
                + "    assign locked = 1'b1;\n"
                + "endmodule\n"
                + "/* verilator lint_on DECLFILENAME */\n";
    }
}

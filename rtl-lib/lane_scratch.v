// lane_scratch: one lane's activation rows (docs/architecture.md "Memories"). Word r of lane l is
// element r*LANES + l of the core's activation rows. One write port (synchronous) and PORTS read
// ports (combinational), all at addresses every lane shares: the operand, the old value of the
// written row, and a broadcast operand per column group (attention reads q, k, v through them).
//
// STYLE 1: LUT RAM (Yosys replicates the memory once per read port: MLAB, DPR16X4, RAM32M);
// with COPIES = 1 the copies are written out, one memory of one read port each — for LUT RAM
// whose cell has one read port (Cyclone V's MLAB: Yosys 0.23 replicates three ports there but
// builds four in flip-flops; the plan sets it from the catalogue's portsPerCell);
// A write past the last row is dropped (a wider address must not alias a row); a read there
// gives any word, as no core uses one.
// STYLE 2: block RAM, for families whose logic cells cannot be RAM (iCE40) when blocks are left
// over: a copy per read port, written on the rising edge and read on the falling one. The
// addresses come from registers through logic, settled half a cycle after the rising edge, so
// the word read at the falling edge is the one a combinational read gives for the rest of the
// cycle: same cycle, same word as STYLE 1 (the logic between the edges has half a clock).
// STYLE 3: the same blocks read on the rising edge, `ra` the NEXT clock's address (the core
// forms it a clock ahead from its sequencer's and units' next state), so the word read at the
// edge is the one a combinational read gives in the clock after it: same clock, same word, and
// the logic after the read has a whole clock. A word written at that same edge is the one a
// combinational read would see, so it is taken instead of the memory's (a register and a
// comparator a port). The plan chooses 3 when the target's clock asks it (Plan.scratchReadAhead).
// STYLE 0: flip-flops, the fallback: a ROWS-input multiplexer per read port.
// The plan chooses (plan/ScratchMemory, Placement); attributes must be literals.
module lane_scratch #(
    parameter integer ROWS = 4,
    parameter integer NA = 16,
    parameter integer PORTS = 3,
    parameter integer RW = 2,                  // bits of a row address
    parameter integer STYLE = 1,
    parameter integer COPIES = 0               // STYLE 1: one memory per read port, written out
) (
    input  wire                clk,
    input  wire                we,
    input  wire [RW-1:0]       wa,
    input  wire [NA-1:0]       wd,
    input  wire [PORTS*RW-1:0] ra,
    output wire [PORTS*NA-1:0] rd
);
    localparam integer AB = (ROWS > 1) ? $clog2(ROWS) : 1;   // bits that index the memory (a row below ROWS)
    localparam integer MD = (ROWS > 1) ? ROWS : 2;             // a one-row memory is declared with two (a 1-bit index)
    wire [AB-1:0] wi = wa[AB-1:0];
    genvar p;
    generate
        if (STYLE == 1 && COPIES != 0) begin : g_lutram_copies
            for (p = 0; p < PORTS; p = p + 1) begin : g_copy
                (* ram_style = "distributed", ramstyle = "MLAB, no_rw_check", syn_ramstyle = "select_ram" *)
                reg [NA-1:0] mem [0:MD-1];
                always @(posedge clk) if (we && {1'b0, wa} < (RW+1)'(ROWS)) mem[wi] <= wd;
                /* verilator lint_off UNUSEDSIGNAL */ // the bits above AB address no row
                wire [RW-1:0] a = ra[p*RW +: RW];
                /* verilator lint_on UNUSEDSIGNAL */
                wire [AB-1:0] ai = a[AB-1:0];
                assign rd[p*NA +: NA] = mem[ai];
            end
        end else if (STYLE == 1) begin : g_lutram
            (* ram_style = "distributed", ramstyle = "MLAB, no_rw_check", syn_ramstyle = "select_ram" *)
            reg [NA-1:0] mem [0:MD-1];
            always @(posedge clk) if (we && {1'b0, wa} < (RW+1)'(ROWS)) mem[wi] <= wd;
            for (p = 0; p < PORTS; p = p + 1) begin : g_read
                /* verilator lint_off UNUSEDSIGNAL */ // the bits above AB address no row
                wire [RW-1:0] a = ra[p*RW +: RW];
                /* verilator lint_on UNUSEDSIGNAL */
                wire [AB-1:0] ai = a[AB-1:0];
                // no core reads a row past the last where the word matters (a read there gives any word)
                assign rd[p*NA +: NA] = mem[ai];
            end
        end else if (STYLE == 2) begin : g_block
            for (p = 0; p < PORTS; p = p + 1) begin : g_read
                (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram" *)
                reg [NA-1:0] mem [0:MD-1];
                always @(posedge clk) if (we && {1'b0, wa} < (RW+1)'(ROWS)) mem[wi] <= wd;
                /* verilator lint_off UNUSEDSIGNAL */ // the bits above AB address no row
                wire [RW-1:0] a = ra[p*RW +: RW];
                /* verilator lint_on UNUSEDSIGNAL */
                wire [AB-1:0] ai = a[AB-1:0];
                reg [NA-1:0] word;
                always @(negedge clk) word <= mem[ai];
                assign rd[p*NA +: NA] = word;
            end
        end else if (STYLE == 3) begin : g_block_ahead
            for (p = 0; p < PORTS; p = p + 1) begin : g_read
                // a read of the row written at the same edge takes the written word (fwd), so
                // the memory's own word then does not matter (no_rw_check)
                (* ram_style = "block", ramstyle = "M10K", syn_ramstyle = "block_ram", no_rw_check *)
                reg [NA-1:0] mem [0:MD-1];
                always @(posedge clk) if (we && {1'b0, wa} < (RW+1)'(ROWS)) mem[wi] <= wd;
                /* verilator lint_off UNUSEDSIGNAL */ // the bits above AB address no row
                wire [RW-1:0] a = ra[p*RW +: RW];
                /* verilator lint_on UNUSEDSIGNAL */
                wire [AB-1:0] ai = a[AB-1:0];
                reg [NA-1:0] word;
                reg fwd = 1'b0;
                reg [NA-1:0] wd_q;
                always @(posedge clk) begin
                    word <= mem[ai];
                    fwd <= we && {1'b0, wa} < (RW+1)'(ROWS) && wa == a;
                    wd_q <= wd;
                end
                assign rd[p*NA +: NA] = fwd ? wd_q : word;
            end
        end else begin : g_registers
            (* ram_style = "logic", ramstyle = "logic", syn_ramstyle = "registers" *)
            reg [NA-1:0] mem [0:MD-1];
            always @(posedge clk) if (we && {1'b0, wa} < (RW+1)'(ROWS)) mem[wi] <= wd;
            for (p = 0; p < PORTS; p = p + 1) begin : g_read
                /* verilator lint_off UNUSEDSIGNAL */ // the bits above AB address no row
                wire [RW-1:0] a = ra[p*RW +: RW];
                /* verilator lint_on UNUSEDSIGNAL */
                wire [AB-1:0] ai = a[AB-1:0];
                assign rd[p*NA +: NA] = mem[ai];
            end
        end
    endgenerate
endmodule

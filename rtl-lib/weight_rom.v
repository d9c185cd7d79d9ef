// weight_rom: a read-only weight bank, initialised from a hex file, read through a clocked
// (registered) port: the word at `addr` appears on `data` one clock edge later. The scalar
// unit's seed tables (fx_newton.v, fx_rsqrt.v, fx_recip.v) are read through one as well.
//
// Ports
//   clk   in   clock
//   addr  in   [AW-1:0] word address, AW = max(1, clog2(DEPTH)); addresses >= DEPTH read 0
//   data  out  [WIDTH-1:0] registered word (two's complement weights, as numerics.md stores them)
// Parameters
//   DEPTH      words (any positive number; need not be a power of two)
//   WIDTH      bits per word
//   INIT_FILE  $readmemh image, one WIDTH-bit hex word per line, DEPTH lines ("" = all zero)
//   BLOCK      1: ask for block RAM (RAMB18/M10K/SB_RAM40_4K/DP16KD/BSRAM); 0: distributed
//              logic (LUT ROM). The plan chooses this from the target's `storage`.
//
// Why the attributes: each Yosys flow honours a different spelling. `rom_style`/`ram_style`
// are read by synth_xilinx and by memory_libmap (ice40, ecp5, gowin, intel_alm);
// `ramstyle`/`syn_romstyle` are the Quartus/Synplify spellings for vendor tools.
// Attributes must be literals, so the two variants are separate generate branches.
module weight_rom #(
    parameter integer DEPTH = 256,
    parameter integer WIDTH = 16,
    parameter INIT_FILE = "",
    parameter integer BLOCK = 1
) (
    input  wire                 clk,
    input  wire [AW-1:0]        addr,
    output reg  [WIDTH-1:0]     data
);
    localparam integer AW = (DEPTH > 1) ? $clog2(DEPTH) : 1;

    generate
        if (BLOCK != 0) begin : g_block
            (* rom_style = "block", ram_style = "block", ramstyle = "M10K", syn_romstyle = "block_ram" *)
            reg [WIDTH-1:0] mem [0:DEPTH-1];
            initial if (INIT_FILE != "") $readmemh(INIT_FILE, mem);
            always @(posedge clk) data <= mem[addr];
        end else begin : g_logic
            (* rom_style = "distributed", ram_style = "logic", ramstyle = "logic", syn_romstyle = "logic" *)
            reg [WIDTH-1:0] mem [0:DEPTH-1];
            initial if (INIT_FILE != "") $readmemh(INIT_FILE, mem);
            always @(posedge clk) data <= mem[addr];
        end
    endgenerate
endmodule

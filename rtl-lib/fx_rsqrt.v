// Reciprocal square root per docs/numerics.md "rsqrt(v)": a 96-entry seed table indexed by
// the top 7 bits of the even-exponent mantissa, then one Newton step. 1/sqrt(v) ~= y * 2^-15 *
// 2^(-e/2). Requires v >= 1. One clock of latency: the table is read through a clocked port
// (weight_rom.v: one block RAM when BLOCK = 1, the plan's choice), so y and e answer the v
// presented at the clock edge before; the Newton step after it is combinational.
// STAGES = 2 (the plan's scalarStages, where the target's clock asks it): the Newton step is cut
// at h by a register of h, y0 and the exponent, and the answer comes a clock later.
module fx_rsqrt #(
    parameter integer VW = 40,                 // width of v (unsigned)
    parameter TABLE = "rsqrt_table.hex",       // RSQRT_TABLE, 96 x 16-bit hex words
    parameter integer BLOCK = 0,               // the table in block RAM (1) or logic (0)
    parameter integer STAGES = 1               // clocks from v to y: the table read, then the Newton step in 1 or 2
) (
    input  wire          clk,
    input  wire [VW-1:0] v,
    output wire [17:0]   y,
    output wire [6:0]    e
);
    wire [15:0] mv, y0;
    wire [6:0] ev, idx;
    fx_rsqrt_seed #(.VW(VW)) u_seed (.v(v), .e(ev), .m(mv), .idx(idx));
    weight_rom #(.DEPTH(96), .WIDTH(16), .INIT_FILE(TABLE), .BLOCK(BLOCK)) u_table (.clk(clk), .addr(idx), .data(y0));
    reg [15:0] mq;
    reg [6:0] e1;
    always @(posedge clk) begin mq <= mv; e1 <= ev; end
    // multipliers through fx_mul (see fx_mul.v): 16x16 and 16x17 unsigned, 17x20 signed
    wire [31:0] y0sq;
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_sq (.a(y0), .b(y0), .p(y0sq));
    wire [16:0] s = 17'((y0sq + 32'd16384) >> 15);
    wire [32:0] ms;
    fx_mul #(.AW(16), .BW(17), .SIGNED(0)) u_ms (.a(mq), .b(s), .p(ms));
    wire [18:0] u = 19'((ms + 33'd8192) >> 14);
    wire signed [19:0] h = 20'sd98304 - $signed({1'b0, u});
    wire signed [19:0] hs;
    wire [15:0] ys;
    /* verilator lint_off UNUSEDSIGNAL */ // one function: nothing to pass along
    wire fs;
    /* verilator lint_on UNUSEDSIGNAL */
    fx_newton_cut #(.HW(20), .STAGES(STAGES)) u_cut (.clk(clk), .h(h), .y0(y0), .e(e1), .f(1'b0), .hs(hs), .ys(ys), .es(e), .fs(fs));
    wire signed [36:0] yh;
    fx_mul #(.AW(17), .BW(20), .SIGNED(1)) u_yh (.a({1'b0, ys}), .b(hs), .p(yh));
    assign y = 18'((yh + 37'sd32768) >>> 16);
endmodule

// Reciprocal per docs/numerics.md "recip(S)": a 64-entry seed table, one Newton step.
// 1/S ~= y * 2^-15 * 2^-p. Requires S >= 2^15. One clock of latency: the table is read through
// a clocked port (weight_rom.v: one block RAM when BLOCK = 1), so y and p answer the s
// presented at the clock edge before; the Newton step after it is combinational.
// STAGES = 2 (the plan's scalarStages, where the target's clock asks it): the Newton step is cut
// at h by a register of h, y0 and the exponent, and the answer comes a clock later.
module fx_recip #(
    parameter integer SW = 24,                 // width of S (unsigned)
    parameter TABLE = "recip_table.hex",       // RECIP_TABLE, 64 x 16-bit hex words
    parameter integer BLOCK = 0,               // the table in block RAM (1) or logic (0)
    parameter integer STAGES = 1               // clocks from s to y: the table read, then the Newton step in 1 or 2
) (
    input  wire          clk,
    input  wire [SW-1:0] s,
    output wire [17:0]   y,
    output wire [6:0]    p
);
    wire [15:0] ms, y0;
    wire [6:0] ps;
    wire [5:0] idx;
    fx_recip_seed #(.SW(SW)) u_seed (.s(s), .p(ps), .m(ms), .idx(idx));
    weight_rom #(.DEPTH(64), .WIDTH(16), .INIT_FILE(TABLE), .BLOCK(BLOCK)) u_table (.clk(clk), .addr(idx), .data(y0));
    reg [15:0] mq;
    reg [6:0] p1;
    always @(posedge clk) begin mq <= ms; p1 <= ps; end
    // multipliers through fx_mul (see fx_mul.v): 16x16 unsigned, 17x19 signed
    wire [31:0] my;
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_my (.a(mq), .b(y0), .p(my));
    wire [17:0] t = 18'((my + 32'd16384) >> 15);
    wire signed [18:0] h = 19'sd65536 - $signed({1'b0, t});
    wire signed [18:0] hs;
    wire [15:0] ys;
    /* verilator lint_off UNUSEDSIGNAL */ // one function: nothing to pass along
    wire fs;
    /* verilator lint_on UNUSEDSIGNAL */
    fx_newton_cut #(.HW(19), .STAGES(STAGES)) u_cut (.clk(clk), .h(h), .y0(y0), .e(p1), .f(1'b1), .hs(hs), .ys(ys), .es(p), .fs(fs));
    wire signed [35:0] yh;
    fx_mul #(.AW(17), .BW(19), .SIGNED(1)) u_yh (.a({1'b0, ys}), .b(hs), .p(yh));
    assign y = 18'((yh + 36'sd16384) >>> 15);
endmodule

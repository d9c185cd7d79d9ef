// fx_newton_cut: where a Newton step (fx_rsqrt.v, fx_recip.v, fx_newton.v) is cut in two. With
// STAGES = 1 its second half (y0 * h) follows the first at once: h, the seed y0, the exponent e
// and the function f pass through. With STAGES = 2 (the plan's scalarStages, where the target's
// clock asks it) they are registered, and the answer comes a clock later: the chained products
// of the step are no longer one path.
module fx_newton_cut #(
    parameter integer HW = 20,                 // width of h (signed)
    parameter integer STAGES = 1
) (
    /* verilator lint_off UNUSEDSIGNAL */ // with STAGES = 1 nothing is registered
    input  wire                 clk,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire signed [HW-1:0] h,
    input  wire [15:0]          y0,
    input  wire [6:0]           e,
    input  wire                 f,
    output wire signed [HW-1:0] hs,
    output wire [15:0]          ys,
    output wire [6:0]           es,
    output wire                 fs
);
    generate
        if (STAGES == 2) begin : g_cut
            reg signed [HW-1:0] h_q;
            reg [15:0] y0_q;
            reg [6:0] e_q;
            reg f_q;
            always @(posedge clk) begin h_q <= h; y0_q <= y0; e_q <= e; f_q <= f; end
            assign hs = h_q;
            assign ys = y0_q;
            assign es = e_q;
            assign fs = f_q;
        end else begin : g_whole
            assign hs = h;
            assign ys = y0;
            assign es = e;
            assign fs = f;
        end
    endgenerate
endmodule

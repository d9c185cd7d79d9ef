// Reciprocal square root and reciprocal in one unit that shares their multipliers
// (docs/numerics.md "rsqrt(v)" and "recip(S)", the same seed tables and Newton steps as
// fx_rsqrt.v and fx_recip.v). The norms ask for rsqrt and attention for recip, and the core runs
// one op at a time, so `recip` picks the function each clock: one 16x16 serves y0*y0 (rsqrt)
// and m*y0 (recip), one 17x20 both y0*h, and a 16x17 the rsqrt's m*s — four SB_MAC16 on iCE40
// where the two units took seven. The two seed tables are one memory (TABLE: rsqrt's 96 words,
// then recip's 64 at RECIP_BASE) read through a clocked port (weight_rom.v: one block RAM when
// BLOCK = 1, the plan's choice), so y and e answer the recip, v and s presented at the clock
// edge before; the Newton step after it is combinational and the caller registers the result.
// STAGES = 2 (the plan's scalarStages, where the target's clock asks it): the Newton step (either
// function) is cut at h by a register of h, y0, the exponent and the function, and the answer comes a clock later.
//   recip = 0: y ~= 2^15 / sqrt(v) * 2^(e/2) (fx_rsqrt's y, e); requires v >= 1
//   recip = 1: y ~= 2^15 / s * 2^p (fx_recip's y, p on `e`); requires s >= 2^15
module fx_newton #(
    parameter integer VW = 40,                 // width of v (unsigned)
    parameter integer SW = 24,                 // width of s (unsigned)
    parameter TABLE = "seed_table.hex",        // RSQRT_TABLE then RECIP_TABLE: 160 x 16-bit hex words
    parameter integer BLOCK = 0,               // the table in block RAM (1) or logic (0)
    parameter integer STAGES = 1               // clocks from v or s to y: the table read, then the Newton step in 1 or 2
) (
    input  wire          clk,
    input  wire          recip,
    input  wire [VW-1:0] v,
    input  wire [SW-1:0] s,
    output wire [17:0]   y,
    output wire [6:0]    e
);
    localparam [7:0] RECIP_BASE = 8'd96;
    // the seeds: rsqrt's even exponent ev and q2.14 mantissa mv, recip's p and q1.15 mantissa ms
    wire [6:0] ev, ps, rs_idx;
    wire [5:0] rc_idx;
    wire [15:0] mv, ms, y0;
    fx_rsqrt_seed #(.VW(VW)) u_rsqrt_seed (.v(v), .e(ev), .m(mv), .idx(rs_idx));
    fx_recip_seed #(.SW(SW)) u_recip_seed (.s(s), .p(ps), .m(ms), .idx(rc_idx));
    weight_rom #(.DEPTH(160), .WIDTH(16), .INIT_FILE(TABLE), .BLOCK(BLOCK)) u_table (.clk(clk),
        .addr(recip ? RECIP_BASE + {2'b0, rc_idx} : {1'b0, rs_idx}), .data(y0));
    reg rq;                                                   // the function asked at the edge
    reg [15:0] mq;                                            // its mantissa
    reg [6:0] e1;                                             // its exponent
    always @(posedge clk) begin
        rq <= recip;
        mq <= recip ? ms : mv;
        e1 <= recip ? ps : ev;
    end

    // ---- the shared Newton step (multipliers through fx_mul, see fx_mul.v) ----
    wire [31:0] p1;                                           // rsqrt: y0*y0; recip: m*y0
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_p1 (.a(rq ? mq : y0), .b(y0), .p(p1));
    // rsqrt: s = rnd(y0^2, 15); u = rnd(m*s, 14); h = 1.5*2^16 - u
    wire [16:0] sq = 17'((p1 + 32'd16384) >> 15);
    wire [32:0] msq;
    fx_mul #(.AW(16), .BW(17), .SIGNED(0)) u_p2 (.a(mq), .b(sq), .p(msq));
    wire [18:0] u = 19'((msq + 33'd8192) >> 14);
    wire signed [19:0] h_rs = 20'sd98304 - $signed({1'b0, u});
    // recip: t = rnd(m*y0, 15); h = 2^16 - t
    wire [17:0] t = 18'((p1 + 32'd16384) >> 15);
    wire signed [18:0] h_rc = 19'sd65536 - $signed({1'b0, t});
    wire signed [19:0] h = rq ? 20'(h_rc) : h_rs;        // a size cast of a signed value sign-extends
    // the second half: at once, or a clock later from registers (STAGES = 2)
    wire signed [19:0] hs;
    wire [15:0] ys;
    wire rs;                                                  // the function the second half answers
    fx_newton_cut #(.HW(20), .STAGES(STAGES)) u_cut (.clk(clk), .h(h), .y0(y0), .e(e1), .f(rq), .hs(hs), .ys(ys), .es(e), .fs(rs));
    /* verilator lint_off UNUSEDSIGNAL */ // y keeps 18 bits of the rounded product
    wire signed [36:0] yh;
    fx_mul #(.AW(17), .BW(20), .SIGNED(1)) u_p3 (.a({1'b0, ys}), .b(hs), .p(yh));
    wire signed [36:0] y_rs = (yh + 37'sd32768) >>> 16;
    wire signed [36:0] y_rc = (yh + 37'sd16384) >>> 15;
    /* verilator lint_on UNUSEDSIGNAL */
    assign y = rs ? y_rc[17:0] : y_rs[17:0];
endmodule

// Reciprocal square root and reciprocal in one unit that shares their multipliers
// (docs/numerics.md "rsqrt(v)" and "recip(S)", the same seed tables and Newton steps as
// fx_rsqrt.v and fx_recip.v). The norms ask for rsqrt and attention for recip, and the core runs
// one op at a time, so `recip` picks the function each clock: one 16x16 serves y0*y0 (rsqrt)
// and m*y0 (recip), one 17x20 both y0*h, and a 16x17 the rsqrt's m*s — four SB_MAC16 on iCE40
// where the two units took seven. Combinational; the caller registers the result.
//   recip = 0: y ~= 2^15 / sqrt(v) * 2^(e/2) (fx_rsqrt's y, e); requires v >= 1
//   recip = 1: y ~= 2^15 / s * 2^p (fx_recip's y, p on `e`); requires s >= 2^15
module fx_newton #(
    parameter integer VW = 40,                 // width of v (unsigned)
    parameter integer SW = 24,                 // width of s (unsigned)
    parameter RSQRT_TABLE = "rsqrt_table.hex", // 96 x 16-bit hex words
    parameter RECIP_TABLE = "recip_table.hex"  // 64 x 16-bit hex words
) (
    input  wire          recip,
    input  wire [VW-1:0] v,
    input  wire [SW-1:0] s,
    output wire [17:0]   y,
    output wire [6:0]    e
);
    // the seeds: rsqrt's even exponent ev and q2.14 mantissa mv, recip's p and q1.15 mantissa ms
    wire [6:0] ev, ps;
    wire [15:0] mv, rs_y0, ms, rc_y0;
    fx_rsqrt_seed #(.VW(VW), .TABLE(RSQRT_TABLE)) u_rsqrt_seed (.v(v), .e(ev), .m(mv), .y0(rs_y0));
    fx_recip_seed #(.SW(SW), .TABLE(RECIP_TABLE)) u_recip_seed (.s(s), .p(ps), .m(ms), .y0(rc_y0));

    // ---- the shared Newton step (multipliers through fx_mul, see fx_mul.v) ----
    wire [15:0] y0 = recip ? rc_y0 : rs_y0;
    wire [31:0] p1;                                           // rsqrt: y0*y0; recip: m*y0
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_p1 (.a(recip ? ms : rs_y0), .b(y0), .p(p1));
    // rsqrt: s = rnd(y0^2, 15); u = rnd(m*s, 14); h = 1.5*2^16 - u
    wire [16:0] sq = 17'((p1 + 32'd16384) >> 15);
    wire [32:0] msq;
    fx_mul #(.AW(16), .BW(17), .SIGNED(0)) u_p2 (.a(mv), .b(sq), .p(msq));
    wire [18:0] u = 19'((msq + 33'd8192) >> 14);
    wire signed [19:0] h_rs = 20'sd98304 - $signed({1'b0, u});
    // recip: t = rnd(m*y0, 15); h = 2^16 - t
    wire [17:0] t = 18'((p1 + 32'd16384) >> 15);
    wire signed [18:0] h_rc = 19'sd65536 - $signed({1'b0, t});
    wire signed [19:0] h = recip ? 20'(h_rc) : h_rs;        // a size cast of a signed value sign-extends
    /* verilator lint_off UNUSEDSIGNAL */ // y keeps 18 bits of the rounded product
    wire signed [36:0] yh;
    fx_mul #(.AW(17), .BW(20), .SIGNED(1)) u_p3 (.a({1'b0, y0}), .b(h), .p(yh));
    wire signed [36:0] y_rs = (yh + 37'sd32768) >>> 16;
    wire signed [36:0] y_rc = (yh + 37'sd16384) >>> 15;
    /* verilator lint_on UNUSEDSIGNAL */
    assign y = recip ? y_rc[17:0] : y_rs[17:0];
    assign e = recip ? ps : ev;
endmodule

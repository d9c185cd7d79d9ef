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
    reg [15:0] rsqrt_rom [0:95];
    reg [15:0] recip_rom [0:63];
    initial $readmemh(RSQRT_TABLE, rsqrt_rom);
    initial $readmemh(RECIP_TABLE, recip_rom);
    integer i;

    // ---- rsqrt's seed: even exponent, mantissa q2.14 in [2^14, 2^16) ----
    /* verilator lint_off UNUSEDSIGNAL */ // pv[0] only decides e's rounding down to even
    reg [6:0] pv;
    /* verilator lint_on UNUSEDSIGNAL */
    reg [6:0] ev;
    always @* begin
        pv = 7'd0;
        for (i = 0; i < VW; i = i + 1) if (v[i]) pv = i[6:0];
        ev = {pv[6:1], 1'b0};
    end
    localparam integer VX = (VW > 16) ? VW : 16;
    wire [VX-1:0] vx = VX'(v);
    reg [15:0] mv;
    always @* begin
        if (ev >= 7'd14) mv = 16'(vx >> (ev - 7'd14));
        else mv = 16'(vx << (7'd14 - ev));
    end
    wire [6:0] rs_idx = mv[15:9] - 7'd32;
    wire [15:0] rs_y0 = rsqrt_rom[rs_idx];

    // ---- recip's seed: mantissa q1.15 ----
    reg [6:0] ps;
    always @* begin
        ps = 7'd0;
        for (i = 0; i < SW; i = i + 1) if (s[i]) ps = i[6:0];
    end
    wire [15:0] ms = 16'(s >> (ps - 7'd15));
    wire [5:0] rc_idx = 6'(ms[15:9] - 7'd64);
    wire [15:0] rc_y0 = recip_rom[rc_idx];

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

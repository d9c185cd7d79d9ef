// Reciprocal square root per docs/numerics.md "rsqrt(v)": a 96-entry seed table indexed by
// the top 7 bits of the even-exponent mantissa, then one Newton step. Combinational; the
// caller registers the result. 1/sqrt(v) ~= y * 2^-15 * 2^(-e/2). Requires v >= 1.
module fx_rsqrt #(
    parameter integer VW = 40,                 // width of v (unsigned)
    parameter TABLE = "rsqrt_table.hex"        // RSQRT_TABLE, 96 x 16-bit hex words
) (
    input  wire [VW-1:0] v,
    output wire [17:0]   y,
    output reg  [6:0]    e
);
    reg [15:0] table_rom [0:95];
    initial $readmemh(TABLE, table_rom);

    integer i;
    /* verilator lint_off UNUSEDSIGNAL */ // p[0] only decides e's rounding down to even
    reg [6:0] p;
    /* verilator lint_on UNUSEDSIGNAL */
    always @* begin
        p = 7'd0;
        for (i = 0; i < VW; i = i + 1) if (v[i]) p = i[6:0];
        e = {p[6:1], 1'b0};
    end

    // Mantissa q2.14 in [2^14, 2^16): truncating shift so that the leading one lands at bit 14 or 15.
    // v zero-extended to at least the mantissa's 16 bits (a narrow norm's sums are fewer)
    localparam integer VX = (VW > 16) ? VW : 16;
    wire [VX-1:0] vx = VX'(v);
    reg [15:0] mq;
    always @* begin
        if (e >= 7'd14) mq = 16'(vx >> (e - 7'd14));
        else mq = 16'(vx << (7'd14 - e));
    end

    wire [6:0]  idx = mq[15:9] - 7'd32;
    wire [15:0] y0 = table_rom[idx];
    // multipliers through fx_mul (see fx_mul.v): 16x16 and 16x17 unsigned, 17x20 signed
    wire [31:0] y0sq;
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_sq (.a(y0), .b(y0), .p(y0sq));
    wire [16:0] s = 17'((y0sq + 32'd16384) >> 15);
    wire [32:0] ms;
    fx_mul #(.AW(16), .BW(17), .SIGNED(0)) u_ms (.a(mq), .b(s), .p(ms));
    wire [18:0] u = 19'((ms + 33'd8192) >> 14);
    wire signed [19:0] h = 20'sd98304 - $signed({1'b0, u});
    wire signed [36:0] yh;
    fx_mul #(.AW(17), .BW(20), .SIGNED(1)) u_yh (.a({1'b0, y0}), .b(h), .p(yh));
    assign y = 18'((yh + 37'sd32768) >>> 16);
endmodule

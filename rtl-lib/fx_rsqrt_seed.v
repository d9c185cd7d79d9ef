// The reciprocal square root's seed (docs/numerics.md "rsqrt(v)"), the part fx_rsqrt.v and
// fx_newton.v share: the even exponent e of v's leading one, the mantissa m (q2.14, truncated,
// in [2^14, 2^16)) and the index of its word in the 96-entry table (the caller reads the table
// through a clocked port: fx_rsqrt.v, fx_newton.v). Combinational. Requires v >= 1.
module fx_rsqrt_seed #(
    parameter integer VW = 40                  // width of v (unsigned)
) (
    input  wire [VW-1:0] v,
    output reg  [6:0]    e,
    output reg  [15:0]   m,
    output wire [6:0]    idx
);
    integer i;
    /* verilator lint_off UNUSEDSIGNAL */ // p[0] only decides e's rounding down to even
    reg [6:0] p;
    /* verilator lint_on UNUSEDSIGNAL */
    always @* begin
        p = 7'd0;
        for (i = 0; i < VW; i = i + 1) if (v[i]) p = i[6:0];
        e = {p[6:1], 1'b0};
    end
    // the leading one lands at bit 14 or 15; v zero-extended to at least the mantissa's 16 bits
    // (a narrow norm's sums are fewer)
    localparam integer VX = (VW > 16) ? VW : 16;
    wire [VX-1:0] vx = VX'(v);
    always @* begin
        if (e >= 7'd14) m = 16'(vx >> (e - 7'd14));
        else m = 16'(vx << (7'd14 - e));
    end
    assign idx = m[15:9] - 7'd32;             // m >= 2^14: 32 <= m[15:9] < 128
endmodule

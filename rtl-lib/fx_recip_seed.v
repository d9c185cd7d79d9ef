// The reciprocal's seed (docs/numerics.md "recip(S)"), the part fx_recip.v and fx_newton.v
// share: the position p of s's leading one, the mantissa m (q1.15, truncated) and the index of
// its word in the 64-entry table (the caller reads the table through a clocked port).
// Combinational. Requires s >= 2^15.
module fx_recip_seed #(
    parameter integer SW = 24                  // width of s (unsigned)
) (
    input  wire [SW-1:0] s,
    output reg  [6:0]    p,
    output wire [15:0]   m,
    output wire [5:0]    idx
);
    integer i;
    always @* begin
        p = 7'd0;
        for (i = 0; i < SW; i = i + 1) if (s[i]) p = i[6:0];
    end
    assign m = 16'(s >> (p - 7'd15));
    assign idx = 6'(m[15:9] - 7'd64);         // m >= 2^15: 64 <= m[15:9] < 128
endmodule

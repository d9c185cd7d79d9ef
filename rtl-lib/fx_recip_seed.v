// The reciprocal's seed (docs/numerics.md "recip(S)"), the part fx_recip.v and fx_newton.v
// share: the position p of s's leading one, the mantissa m (q1.15, truncated) and the 64-entry
// table's y0 for it. Combinational. Requires s >= 2^15.
module fx_recip_seed #(
    parameter integer SW = 24,                 // width of s (unsigned)
    parameter TABLE = "recip_table.hex"        // RECIP_TABLE, 64 x 16-bit hex words
) (
    input  wire [SW-1:0] s,
    output reg  [6:0]    p,
    output wire [15:0]   m,
    output wire [15:0]   y0
);
    reg [15:0] table_rom [0:63];
    initial $readmemh(TABLE, table_rom);
    integer i;
    always @* begin
        p = 7'd0;
        for (i = 0; i < SW; i = i + 1) if (s[i]) p = i[6:0];
    end
    assign m = 16'(s >> (p - 7'd15));
    wire [5:0] idx = 6'(m[15:9] - 7'd64);
    assign y0 = table_rom[idx];
endmodule

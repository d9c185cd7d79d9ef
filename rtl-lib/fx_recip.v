// Reciprocal per docs/numerics.md "recip(S)": a 64-entry seed table, one Newton step.
// Combinational. 1/S ~= y * 2^-15 * 2^-p. Requires S >= 2^15.
module fx_recip #(
    parameter integer SW = 24,                 // width of S (unsigned)
    parameter TABLE = "recip_table.hex"        // RECIP_TABLE, 64 x 16-bit hex words
) (
    input  wire [SW-1:0] s,
    output wire [17:0]   y,
    output wire [6:0]    p
);
    wire [15:0] mq, y0;
    fx_recip_seed #(.SW(SW), .TABLE(TABLE)) u_seed (.s(s), .p(p), .m(mq), .y0(y0));
    // multipliers through fx_mul (see fx_mul.v): 16x16 unsigned, 17x19 signed
    wire [31:0] my;
    fx_mul #(.AW(16), .BW(16), .SIGNED(0)) u_my (.a(mq), .b(y0), .p(my));
    wire [17:0] t = 18'((my + 32'd16384) >> 15);
    wire signed [18:0] h = 19'sd65536 - $signed({1'b0, t});
    wire signed [35:0] yh;
    fx_mul #(.AW(17), .BW(19), .SIGNED(1)) u_yh (.a({1'b0, y0}), .b(h), .p(yh));
    assign y = 18'((yh + 36'sd16384) >>> 15);
endmodule

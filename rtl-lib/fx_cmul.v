// fx_cmul: p = a * K for a constant K (0 <= K < 2^(KW-1)), exactly, by shifts and adds — no
// multiplier. K's KW digits in non-adjacent form (each -1, 0 or +1, no two adjacent non-zero)
// pick the terms a·2^i to add or subtract, so the product takes one adder per non-zero digit
// but the first (FixedMath.nafDigits counts them for the estimate). Used where a product by a
// constant would otherwise take DSP cells that are not a lane's (issue #14: DSP cells = lanes +
// a constant): attention's score scale 1/sqrt(hd), the sampler's 1/T.
//
// Ports
//   a  in   signed [AW-1:0]
//   p  out  signed [AW+KW-1:0] a * K, exact (K is KW bits signed)
module fx_cmul #(
    parameter integer AW = 16,
    parameter integer KW = 17,                 // bits of K, signed (K < 2^(KW-1))
    parameter integer K = 1
) (
    input  wire signed [AW-1:0]    a,
    output wire signed [AW+KW-1:0] p
);
    // K's non-adjacent form: bit i of NAF_POS (NAF_NEG) is a digit +1 (-1) of weight 2^i
    function automatic [2*KW-1:0] naf(input integer c);
        integer i, x;
        reg [KW-1:0] pos, neg;
        begin
            pos = {KW{1'b0}};
            neg = {KW{1'b0}};
            x = c;
            for (i = 0; i < KW; i = i + 1) begin
                if (x % 2 != 0) begin
                    if (x % 4 == 3) begin neg[i] = 1'b1; x = x + 1; end
                    else begin pos[i] = 1'b1; x = x - 1; end
                end
                x = x / 2;
            end
            naf = {neg, pos};
        end
    endfunction
    localparam [2*KW-1:0] DIGITS = naf(K);
    localparam [KW-1:0] NAF_POS = DIGITS[KW-1:0];
    localparam [KW-1:0] NAF_NEG = DIGITS[2*KW-1:KW];

    // a function, not an always block: a continuous assignment has its value from time 0
    function automatic signed [AW+KW-1:0] times_k(input signed [AW+KW-1:0] x);
        integer i;
        begin
            times_k = {(AW+KW){1'b0}};
            for (i = 0; i < KW; i = i + 1) begin
                if (NAF_POS[i]) times_k = times_k + (x <<< i);
                if (NAF_NEG[i]) times_k = times_k - (x <<< i);
            end
        end
    endfunction
    assign p = times_k({{KW{a[AW-1]}}, a});
endmodule

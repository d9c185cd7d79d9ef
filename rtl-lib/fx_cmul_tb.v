// Testbench: COUNT operands a (the extremes, then $random from SEED), each printed with
// fx_cmul's product as signed decimals ("P a p"); the test checks p = a * K itself.
module fx_cmul_tb #(
    parameter integer AW = 16,
    parameter integer KW = 17,
    parameter integer K = 1,
    parameter integer COUNT = 32,
    parameter integer SEED = 1
) (
    input wire clk
);
    reg signed [AW-1:0] a = {1'b1, {(AW-1){1'b0}}};
    wire signed [AW+KW-1:0] p;
    integer n = 0;
    integer seed = SEED;
    fx_cmul #(.AW(AW), .KW(KW), .K(K)) dut (.a(a), .p(p));

    always @(negedge clk) begin
        $display("P %0d %0d", a, p);
        n = n + 1;
        if (n == COUNT) $finish;
        if (n == 1) a <= {1'b0, {(AW-1){1'b1}}};
        else if (n == 2) a <= -1;
        else a <= AW'($random(seed));
    end
endmodule

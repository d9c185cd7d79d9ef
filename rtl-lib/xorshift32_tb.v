// Testbench: loads SEED, prints COUNT successive draws as unsigned decimals ("R value").
// Inputs change on the falling edge so Icarus and Verilator see the same order of events.
module xorshift32_tb #(
    parameter [31:0] SEED = 32'd2,
    parameter integer COUNT = 16
) (
    input wire clk
);
    reg load = 1'b1;
    reg step = 1'b0;
    integer n = 0;
    wire [31:0] state;

    xorshift32 dut (.clk(clk), .load(load), .seed(SEED), .step(step), .state(state));

    always @(negedge clk) begin
        if (load) begin
            load <= 1'b0;
            step <= 1'b1;
        end else begin
            $display("R %0d", state);
            n = n + 1;
            if (n == COUNT) $finish;
        end
    end
endmodule

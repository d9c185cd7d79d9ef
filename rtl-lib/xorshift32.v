// xorshift32 (Marsaglia 2003, shifts 13, 17, 5): the sampler's random numbers.
// `load` takes `seed` (a zero seed is replaced by 1, as xorshift must never hold 0);
// `step` advances one draw. `state` is the current value: after a step it is the new draw.
module xorshift32 (
    input  wire        clk,
    input  wire        load,
    input  wire [31:0] seed,
    input  wire        step,
    output reg  [31:0] state
);
    wire [31:0] s1 = state ^ (state << 13);
    wire [31:0] s2 = s1 ^ (s1 >> 17);
    wire [31:0] s3 = s2 ^ (s2 << 5);

    always @(posedge clk) begin
        if (load) state <= (seed == 32'd0) ? 32'd1 : seed;
        else if (step) state <= s3;
    end
endmodule

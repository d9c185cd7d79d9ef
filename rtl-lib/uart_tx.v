// uart_tx: 8N1 transmitter. A byte offered with `valid` while `ready` is high is sent: a start
// bit, eight data bits least significant first, one stop bit, each CLKS_PER_BIT cycles long.
//
// Ports
//   clk, rst       clock; synchronous reset (the line goes idle high)
//   valid, data    a byte to send, taken at an edge where `ready` is high
//   ready          the transmitter is idle
//   tx             the serial line
// Parameters
//   CLKS_PER_BIT   clock cycles per bit: round(clock / baud)
module uart_tx #(
    parameter integer CLKS_PER_BIT = 104
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       valid,
    input  wire [7:0] data,
    output wire       ready,
    output reg        tx
);
    localparam integer CW = $clog2(CLKS_PER_BIT + 1);
    localparam [CW-1:0] LAST = CW'(CLKS_PER_BIT - 1);
    reg busy;
    reg [CW-1:0] count;
    reg [3:0] bit_index;
    reg [9:0] frame;

    assign ready = !busy;

    always @(posedge clk) begin
        if (rst) begin
            busy <= 1'b0; tx <= 1'b1; count <= 0; bit_index <= 0; frame <= 10'h3ff;
        end else if (!busy) begin
            tx <= 1'b1;
            if (valid) begin
                busy <= 1'b1;
                frame <= {1'b1, data, 1'b0};
                count <= 0;
                bit_index <= 0;
                tx <= 1'b0;
            end
        end else if (count == LAST) begin
            count <= 0;
            if (bit_index == 4'd9) begin
                busy <= 1'b0;
                tx <= 1'b1;
            end else begin
                bit_index <= bit_index + 1'b1;
                tx <= frame[bit_index + 1'b1];
            end
        end else count <= count + 1'b1;
    end
endmodule

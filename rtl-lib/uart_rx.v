// uart_rx: 8N1 receiver. The line is brought into the clock domain through two flip-flops; a
// start bit is a low level seen half a bit after the falling edge; each data bit is sampled in
// the middle of its bit time, least significant first. A byte whose stop bit is low (a framing
// error: noise, a wrong baud rate, a break) is dropped, and the receiver looks for the next
// start bit, so garbage on the line never stops it.
//
// Ports
//   clk, rst       clock; synchronous reset
//   rx             the serial line (idle high)
//   valid, data    one-cycle strobe with the received byte
//   frame_error    one-cycle strobe: a byte was dropped for a low stop bit
// Parameters
//   CLKS_PER_BIT   clock cycles per bit: round(clock / baud), at least 4
module uart_rx #(
    parameter integer CLKS_PER_BIT = 104
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       rx,
    output reg        valid,
    output reg  [7:0] data,
    output reg        frame_error
);
    localparam integer CW = $clog2(CLKS_PER_BIT + 1);
    localparam [CW-1:0] LAST = CW'(CLKS_PER_BIT - 1), HALF = CW'(CLKS_PER_BIT / 2 - 1);
    localparam [1:0] S_IDLE = 2'd0, S_START = 2'd1, S_DATA = 2'd2, S_STOP = 2'd3;
    reg [1:0] state;
    reg [CW-1:0] count;
    reg [2:0] bit_index;
    reg [7:0] shift;
    reg rx_meta = 1'b1, rx_sync = 1'b1;

    always @(posedge clk) begin
        rx_meta <= rx;
        rx_sync <= rx_meta;
    end

    always @(posedge clk) begin
        valid <= 1'b0;
        frame_error <= 1'b0;
        if (rst) begin
            state <= S_IDLE; count <= 0; bit_index <= 0; shift <= 0; data <= 0;
        end else begin
            case (state)
                S_IDLE: if (!rx_sync) begin state <= S_START; count <= 0; end
                S_START:
                    if (count == HALF) begin
                        count <= 0;
                        if (!rx_sync) begin state <= S_DATA; bit_index <= 0; end
                        else state <= S_IDLE;               // a glitch, not a start bit
                    end else count <= count + 1'b1;
                S_DATA:
                    if (count == LAST) begin
                        count <= 0;
                        shift <= {rx_sync, shift[7:1]};
                        bit_index <= bit_index + 1'b1;
                        if (bit_index == 3'd7) state <= S_STOP;
                    end else count <= count + 1'b1;
                default:                                    // S_STOP
                    if (count == LAST) begin
                        count <= 0;
                        state <= S_IDLE;
                        if (rx_sync) begin valid <= 1'b1; data <= shift; end
                        else frame_error <= 1'b1;
                    end else count <= count + 1'b1;
            endcase
        end
    end
endmodule

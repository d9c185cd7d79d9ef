// board_frame_rx: the receiving half of the serial protocol of docs/board.md, shared by
// board_link (token board) and board_link_vector (vector board). Their requests carry different
// fields, so each parses its own; the rules both follow are kept here once: the 8N1 receiver,
// a frame starts at SYNC (0xA5) and the bytes before it are skipped, the check byte is the XOR
// of the bytes after SYNC, a frame that stops for TIMEOUT cycles is dropped (the caller answers
// it with code 3 or 8), and the error LED is lit from garbage on the line (a byte with a low stop
// bit) or an error frame until the next request is accepted (a latch, not a timer: no counter). Bytes count only while the board waits
// (`listen`); the caller's parser says whether it is inside a frame (`in_frame`).
//
// Ports
//   clk, rst       clock; synchronous reset
//   rx             the serial line (idle high)
//   listen         the board waits for a request (bytes that arrive otherwise are the caller's to ignore)
//   in_frame       the caller's parser is past a SYNC, inside a frame
//   valid, data    one-cycle strobe with a received byte
//   sync           with valid: listening and not in a frame, the byte is SYNC: a frame starts
//   check_ok       with valid: the byte equals the XOR of the frame's bytes between SYNC and it
//                  (as the check byte, it is right)
//   timeout        one-cycle strobe: listening in a frame, no byte for TIMEOUT cycles; the caller
//                  drops the frame on it
//   flag           one cycle: light the error LED (an error frame goes out)
//   clear          one cycle: put it out (a request was accepted)
//   error          the error LED
// Parameters
//   CLKS_PER_BIT   clock cycles per bit: round(clock / baud), at least 4
//   TIMEOUT        silent cycles inside a frame before it is dropped
module board_frame_rx #(
    parameter integer CLKS_PER_BIT = 104,
    parameter integer TIMEOUT = 1200000
) (
    input  wire       clk,
    input  wire       rst,
    input  wire       rx,
    input  wire       listen,
    input  wire       in_frame,
    output wire       valid,
    output wire [7:0] data,
    output wire       sync,
    output wire       check_ok,
    output wire       timeout,
    input  wire       flag,
    input  wire       clear,
    output reg        error
);
    localparam [7:0] SYNC = 8'hA5;
    wire frame_error;
    uart_rx #(.CLKS_PER_BIT(CLKS_PER_BIT)) u_rx (.clk(clk), .rst(rst), .rx(rx), .valid(valid), .data(data), .frame_error(frame_error));

    reg [7:0] x;                                     // XOR of the frame's bytes after SYNC so far
    reg [$clog2(TIMEOUT + 1)-1:0] quiet;             // silent cycles inside the frame
    assign sync = listen && !in_frame && valid && data == SYNC;
    assign check_ok = data == x;
    assign timeout = listen && in_frame && !valid && quiet == TIMEOUT[$bits(quiet)-1:0];

    always @(posedge clk) begin
        if (rst) begin
            x <= 0; quiet <= 0; error <= 1'b0;
        end else begin
            if (sync) x <= 0;
            else if (listen && in_frame && valid) x <= x ^ data;
            if (!listen || !in_frame || valid || timeout) quiet <= 0;
            else quiet <= quiet + 1'b1;
            if (frame_error || flag) error <= 1'b1;
            else if (clear) error <= 1'b0;
        end
    end
endmodule

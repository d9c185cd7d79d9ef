// uart_tb: uart_tx looped into uart_rx at 8 clocks per bit: every byte 0..255 comes back, in
// order, with no framing error; then a byte with a low stop bit (driven by hand) is dropped with
// frame_error, and a one-cycle glitch on the idle line is not taken for a start bit.
// Prints "PASS" or "FAIL ..." and finishes. Run: iverilog -g2012 -s uart_tb uart_rx.v uart_tx.v uart_tb.v && vvp -n a.out
`timescale 1ns/1ps
module uart_tb;
    localparam integer CPB = 8;
    reg clk = 1'b0, rst = 1'b1, valid = 1'b0, force_line = 1'b0, forced = 1'b1;
    reg [7:0] data = 8'd0;
    wire ready, tx, rx_valid, ferr;
    wire [7:0] rx_data;
    wire line = force_line ? forced : tx;
    uart_tx #(.CLKS_PER_BIT(CPB)) u_tx (.clk(clk), .rst(rst), .valid(valid), .data(data), .ready(ready), .tx(tx));
    uart_rx #(.CLKS_PER_BIT(CPB)) u_rx (.clk(clk), .rst(rst), .rx(line), .valid(rx_valid), .data(rx_data), .frame_error(ferr));
    always #5 clk = !clk;

    integer expected = 0, errors = 0, frame_errors = 0, i;
    always @(posedge clk) begin
        if (rx_valid) begin
            if (rx_data !== expected[7:0]) begin
                errors = errors + 1;
                $display("FAIL byte %0d came back as %0d", expected, rx_data);
            end
            expected = expected + 1;
        end
        if (ferr) frame_errors = frame_errors + 1;
    end

    task send_forced(input [9:0] bits);   // start, data LSB first, stop: driven on the line by hand
        integer b;
        begin
            force_line = 1'b1;
            for (b = 0; b < 10; b = b + 1) begin forced = bits[b]; repeat (CPB) @(negedge clk); end
            forced = 1'b1;
            repeat (4 * CPB) @(negedge clk);
            force_line = 1'b0;
        end
    endtask

    initial begin
        repeat (3) @(negedge clk);
        rst = 1'b0;
        for (i = 0; i < 256; i = i + 1) begin
            @(negedge clk);
            while (!ready) @(negedge clk);
            data = i[7:0];
            valid = 1'b1;
            @(negedge clk);
            valid = 1'b0;
        end
        while (expected < 256 && errors == 0) @(negedge clk);
        repeat (20 * CPB) @(negedge clk);
        if (frame_errors != 0) begin errors = errors + 1; $display("FAIL %0d framing errors on good bytes", frame_errors); end
        send_forced(10'b0_01010101_0);    // stop bit low: dropped
        if (frame_errors != 1 || expected != 256) begin errors = errors + 1; $display("FAIL a low stop bit: frame_errors %0d, bytes %0d", frame_errors, expected); end
        force_line = 1'b1; forced = 1'b0; @(negedge clk); forced = 1'b1;   // a one-cycle glitch
        repeat (20 * CPB) @(negedge clk);
        force_line = 1'b0;
        if (expected != 256 || frame_errors != 1) begin errors = errors + 1; $display("FAIL a glitch was taken for a byte"); end
        if (errors == 0) $display("PASS");
        $finish;
    end
endmodule

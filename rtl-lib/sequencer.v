// sequencer: runs a core's ops one after another, each for exactly `len` cycles, once per token
// step (docs/architecture.md §3: no idle cycles between ops). The op table itself (what each op
// does, and its length as a function of the position) is the core's; this module only counts.
//
// States: IDLE (waiting for the step's input) -> RUN (op 0 .. LAST_OP) -> DONE (out_valid,
// waiting for out_ready) -> IDLE. A step takes sum(len) cycles from the edge that accepts its
// input to the first cycle of out_valid.
//
// Ports
//   clk, rst      clock; synchronous reset (to IDLE, op 0, position 0)
//   start         begin a new sequence: the next step is position 0
//   in_valid      the step's input is there (accepted in IDLE when `start` is low)
//   stall         hold the current cycle (an op waiting for streamed input)
//   len           cycles of the current op (the core decodes it from `op` and `pos`)
//   out_ready     the consumer took the result: DONE -> IDLE, position + 1 (TOKEN models)
//   op, cyc, pos  current op, cycle within it, token position
//   idle, running, out_valid   the state
//   accept        this edge accepts the step's input (IDLE, in_valid, !start)
//   advance       the current op ends at this edge (RUN, op_last, !stall)
// Parameters
//   OPW, CYW, PW  widths of op, cyc, pos;  LAST_OP  index of the last op;
//   TOKEN         1: positions advance per step (token models); 0: always position 0
module sequencer #(
    parameter integer OPW = 4,
    parameter integer CYW = 10,
    parameter integer PW = 4,
    parameter integer LAST_OP = 0,
    parameter integer TOKEN = 1
) (
    input  wire           clk,
    input  wire           rst,
    input  wire           start,
    input  wire           in_valid,
    input  wire           stall,
    input  wire [CYW-1:0] len,
    input  wire           out_ready,
    output reg  [OPW-1:0] op,
    output reg  [CYW-1:0] cyc,
    output reg  [PW-1:0]  pos,
    output wire           idle,
    output wire           running,
    output wire           out_valid,
    output wire           accept,
    output wire           advance
);
    localparam [1:0] S_IDLE = 2'd0, S_RUN = 2'd1, S_DONE = 2'd2;
    reg [1:0] state;

    assign idle = state == S_IDLE;
    assign running = state == S_RUN;
    assign out_valid = state == S_DONE;
    assign accept = idle && !start && in_valid;
    wire op_last = cyc == len - 1'b1;
    assign advance = running && !stall && op_last;

    always @(posedge clk) begin
        if (rst) begin
            state <= S_IDLE; op <= 0; cyc <= 0; pos <= 0;
        end else begin
            case (state)
                S_IDLE: begin
                    if (start) pos <= 0;
                    else if (in_valid) begin
                        state <= S_RUN; op <= 0; cyc <= 0;
                    end
                end
                S_RUN: if (!stall) begin
                    if (op_last) begin
                        cyc <= 0;
                        if (op == LAST_OP[OPW-1:0]) state <= S_DONE;
                        else op <= op + 1'b1;
                    end else begin
                        cyc <= cyc + 1'b1;
                    end
                end
                default: if (out_ready) begin
                    state <= S_IDLE;
                    if (TOKEN != 0) pos <= pos + 1'b1;
                end
            endcase
        end
    end
endmodule

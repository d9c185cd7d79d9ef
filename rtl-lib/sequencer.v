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
//   op_n, cyc_n, pos_n, running_n   what op, cyc, pos and running will be after this edge: a
//                 core that decodes its op table a clock ahead (registers of the decoded
//                 fields) or reads block RAM a clock ahead (the next clock's addresses) reads them
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
    output wire           advance,
    output reg  [OPW-1:0] op_n,
    output reg  [CYW-1:0] cyc_n,
    output reg  [PW-1:0]  pos_n,
    output wire           running_n
);
    localparam [1:0] S_IDLE = 2'd0, S_RUN = 2'd1, S_DONE = 2'd2;
    reg [1:0] state;

    assign idle = state == S_IDLE;
    assign running = state == S_RUN;
    assign out_valid = state == S_DONE;
    assign accept = idle && !start && in_valid;
    wire op_last = cyc == len - 1'b1;
    assign advance = running && !stall && op_last;

    // the registers, as they were: enables and resets that the flip-flops take for free
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
    // ... and what they take at the edge, for a core that looks a clock ahead (synthesis drops
    // this where nothing reads it; the sequencer test checks the two agree)
    reg [1:0] state_n;
    always @* begin
        state_n = state; op_n = op; cyc_n = cyc; pos_n = pos;
        if (rst) begin
            state_n = S_IDLE; op_n = 0; cyc_n = 0; pos_n = 0;
        end else begin
            case (state)
                S_IDLE: begin
                    if (start) pos_n = 0;
                    else if (in_valid) begin
                        state_n = S_RUN; op_n = 0; cyc_n = 0;
                    end
                end
                S_RUN: if (!stall) begin
                    if (op_last) begin
                        cyc_n = 0;
                        if (op == LAST_OP[OPW-1:0]) state_n = S_DONE;
                        else op_n = op + 1'b1;
                    end else begin
                        cyc_n = cyc + 1'b1;
                    end
                end
                default: if (out_ready) begin
                    state_n = S_IDLE;
                    if (TOKEN != 0) pos_n = pos + 1'b1;
                end
            endcase
        end
    end
    assign running_n = state_n == S_RUN;
endmodule

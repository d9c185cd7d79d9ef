package dev.bramble.rtl;

import java.util.Locale;
import java.util.Set;

/** Turns model and tensor names into legal Verilog identifiers and file names, whatever they are. */
public final class VerilogNames {
    private static final Set<String> RESERVED = Set.of(
            "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez", "cell", "cmos",
            "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end", "endcase", "endconfig",
            "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify", "endtable", "endtask", "event", "for",
            "force", "forever", "fork", "function", "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir",
            "include", "initial", "inout", "input", "instance", "integer", "join", "large", "liblist", "library", "localparam",
            "macromodule", "medium", "module", "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1",
            "or", "output", "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
            "pulsestyle_onevent", "pulsestyle_ondetect", "rcmos", "real", "realtime", "reg", "release", "repeat", "rnmos",
            "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small", "specify", "specparam",
            "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran", "tranif0", "tranif1", "tri", "tri0",
            "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire", "vectored", "wait", "wand", "weak0", "weak1",
            "while", "wire", "wor", "xnor", "xor",
            // SystemVerilog keywords (Verilator and Yosys -sv read them as such)
            "bit", "byte", "int", "logic", "shortint", "longint", "string", "class", "interface", "package", "program",
            "property", "sequence", "type", "void", "return", "break", "continue", "do", "enum", "struct", "union", "typedef",
            "import", "export", "extern", "static", "const", "final", "chandle", "ref", "var", "bind", "unique", "priority",
            "assert", "assume", "cover", "expect", "wildcard", "with", "within", "inside", "dist", "solve", "before", "local",
            "protected", "virtual", "pure", "extends", "implements", "new", "null", "super", "this", "rand", "randc",
            "constraint", "covergroup", "coverpoint", "cross", "bins", "clocking", "modport", "alias", "always_comb",
            "always_ff", "always_latch", "let", "checker", "global", "soft", "context", "forkjoin", "iff", "matches", "tagged",
            "timeprecision", "timeunit", "endclass", "endinterface", "endpackage", "endprogram", "endproperty", "endsequence",
            "endclocking", "endgroup", "endchecker", "restrict", "eventually", "nexttime", "until", "accept_on", "reject_on",
            "strong", "weak", "implies", "untyped", "interconnect", "nettype", "sync_accept_on", "sync_reject_on", "s_always",
            "s_eventually", "s_nexttime", "s_until", "s_until_with", "until_with", "unique0");

    private VerilogNames() {}

    /**
     * A legal, non-reserved Verilog identifier for {@code name}: characters outside
     * [A-Za-z0-9_] become '_', a leading digit or an empty name gets a prefix, keywords and
     * rtl-lib module names get a suffix.
     */
    public static String identifier(String name, Set<String> taken) {
        StringBuilder sb = new StringBuilder();
        for (int cp : (name == null ? "" : name).codePoints().toArray()) {
            sb.append(cp < 128 && (Character.isLetterOrDigit(cp) || cp == '_') ? (char) cp : '_');
        }
        String id = sb.toString();
        if (id.isEmpty() || Character.isDigit(id.charAt(0))) id = "m_" + id;
        if (RESERVED.contains(id) || taken.contains(id) || id.startsWith("\\")) id = id + "_model";
        while (taken.contains(id)) id = id + "_";
        return id;
    }

    /** A file name fragment: lower case, [a-z0-9_] only. */
    public static String fileStem(String name) {
        String s = identifier(name, Set.of()).toLowerCase(Locale.ROOT);
        return s;
    }
}

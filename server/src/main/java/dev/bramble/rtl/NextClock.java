package dev.bramble.rtl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same logic on the next clock's state: a core that reads its activations from block RAM a
 * clock ahead (lane_scratch.v STYLE 2) forms the next clock's read addresses, and one that
 * decodes its op table a clock ahead forms the next op's fields. Both are the logic it already
 * has with every state signal renamed to its next-state twin ({@code cyc} to {@code cyc_n}):
 * one text, so the address a clock ahead cannot drift from the address it stands for.
 */
final class NextClock {
    private NextClock() {}

    /** The suffix of a signal's next-clock twin. */
    static final String SUFFIX = "_n";

    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(?:wire|reg)\\s+(?:signed\\s+)?(?:\\[[^\\]]*\\]\\s*)?([A-Za-z_][A-Za-z0-9_]*(?:\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*)*)\\s*[=;]",
            Pattern.MULTILINE);

    /** The names the Verilog text declares (wire and reg lines, one or several names each). */
    static List<String> declaredNames(String verilog) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = DECLARATION.matcher(verilog);
        while (m.find()) {
            for (String n : m.group(1).split(",")) names.add(n.trim());
        }
        return new ArrayList<>(names);
    }

    /** The text with each of {@code names} (whole identifiers only) renamed to its next-clock twin. */
    static String rename(String verilog, Collection<String> names) {
        if (names.isEmpty()) return verilog;
        StringBuilder alternatives = new StringBuilder();
        for (String n : names) alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(n));
        // an identifier is a whole word: not part of a longer name, not a literal's digits (8'd5)
        Pattern p = Pattern.compile("(?<![A-Za-z0-9_'$])(?:" + alternatives + ")(?![A-Za-z0-9_])");
        return p.matcher(verilog).replaceAll(r -> Matcher.quoteReplacement(r.group() + SUFFIX));
    }
}

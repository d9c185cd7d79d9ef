package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticTokensServiceTest {

    /** Decodes LSP's relative encoding to "line:col text type[+modifiers]", one token each. */
    private static String decode(String text) {
        List<Integer> data = new SemanticTokensService().full(analyze(text), NEVER).getData();
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>();
        int line = 0, col = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            col = data.get(i) == 0 ? col + data.get(i + 1) : data.get(i + 1);
            String word = lines[line].substring(col, col + data.get(i + 2));
            String mods = "";
            if ((data.get(i + 4) & 1) != 0) mods += "+declaration";
            if ((data.get(i + 4) & 2) != 0) mods += "+readonly";
            out.add(line + ":" + col + " " + word + " " + SemanticTokensService.TYPES.get(data.get(i + 3)) + mods);
        }
        return String.join("\n", out);
    }

    @Test
    void classifiesEveryKindOfWord() {
        assertEquals("""
                0:0 model keyword
                0:6 m namespace+declaration
                1:4 n variable+declaration+readonly
                1:6 = operator
                1:8 4 number
                2:4 linear keyword
                2:11 fc function+declaration
                2:15 n variable+readonly
                2:17 -> operator
                2:20 2 number
                2:22 * operator
                2:24 n variable+readonly
                2:27 relu keyword
                2:32 // why comment
                3:4 numeric keyword
                3:12 weights keyword
                3:20 q4.12 type
                3:27 activations keyword
                3:39 q4.12 type
                5:0 target keyword
                5:7 t namespace+declaration
                5:11 device keyword
                5:18 LFE5U enumMember
                5:23 - enumMember
                5:24 25 enumMember
                5:26 F enumMember""", decode("model m {\n    n = 4\n    linear fc [n -> 2 * n] relu // why\n"
                + "    numeric weights q4.12, activations q4.12\n}\ntarget t { device LFE5U-25F }\n"));
    }

    @Test
    void blockCommentIsSplitPerLine() {
        assertEquals("0:0 /* a comment\n1:0 b */ comment", decode("/* a\nb */"));
    }
}

package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.junit.jupiter.api.Test;

/** Document symbols and folding ranges: both describe the document's structure. */
class OutlineServicesTest {

    private static void flatten(List<DocumentSymbol> symbols, String indent, List<String> out) {
        for (DocumentSymbol s : symbols) {
            out.add(indent + s.getName() + " " + s.getKind() + " " + show(s.getSelectionRange()));
            if (s.getChildren() != null) flatten(s.getChildren(), indent + "  ", out);
        }
    }

    @Test
    void microgptOutline() {
        List<String> lines = new ArrayList<>();
        flatten(new DocumentSymbolService().symbols(analyze(example("microgpt")), NEVER), "", lines);
        assertEquals("""
                microgpt Module r(1, 6, 1, 14)
                  vocab Constant r(2, 4, 2, 9)
                  context Constant r(3, 4, 3, 11)
                  dim Constant r(4, 4, 4, 7)
                  wte Array r(10, 14, 10, 17)
                  wpe Array r(11, 14, 11, 17)
                  rmsnorm Operator r(12, 4, 12, 11)
                  layer0 Namespace r(14, 10, 14, 16)
                    residual Namespace r(15, 8, 15, 16)
                      rmsnorm Operator r(16, 12, 16, 19)
                      attention Class r(17, 12, 17, 21)
                        attn_wq Function r(18, 23, 18, 30)
                        attn_wk Function r(19, 23, 19, 30)
                        attn_wv Function r(20, 23, 20, 30)
                        attn_wo Function r(21, 23, 21, 30)
                    residual Namespace r(24, 8, 24, 16)
                      rmsnorm Operator r(25, 12, 25, 19)
                      mlp_fc1 Function r(26, 19, 26, 26)
                      mlp_fc2 Function r(27, 19, 27, 26)
                  lm_head Function r(31, 11, 31, 18)
                  sample Event r(32, 4, 32, 10)
                de1soc Object r(35, 7, 35, 13)
                  device Property r(36, 4, 36, 24)
                  clock Property r(37, 4, 37, 21)
                  lanes Property r(38, 4, 38, 14)
                  storage Property r(39, 4, 39, 16)
                icebreaker Object r(46, 7, 46, 17)
                  board Property r(47, 4, 47, 22)
                  clock Property r(48, 4, 48, 17)
                  lanes Property r(49, 4, 49, 13)
                  storage Property r(50, 4, 50, 16)""", String.join("\n", lines));
    }

    @Test
    void repeatedBlockAppearsOnce() {
        String text = "model m {\n    input x [4]\n    block b[0..2] {\n        linear fc [4 -> 4]\n    }\n    argmax\n}\n";
        List<String> lines = new ArrayList<>();
        flatten(new DocumentSymbolService().symbols(analyze(text), NEVER), "", lines);
        assertEquals(1, lines.stream().filter(l -> l.trim().startsWith("b ")).count(), String.join("\n", lines));
    }

    @Test
    void foldingCoversBracedBodiesAndCommentRuns() {
        List<FoldingRange> ranges = new FoldingRangeService().folding(analyze("// one\n// two\n" + example("microgpt")), NEVER);
        assertEquals("3-34 16-30 17-24 19-23 26-29 37-42 48-53 0-2(comment) 45-47(comment)", ranges.stream()
                .map(f -> f.getStartLine() + "-" + f.getEndLine() + (f.getKind() == null ? "" : "(" + f.getKind() + ")"))
                .collect(Collectors.joining(" ")));
    }
}

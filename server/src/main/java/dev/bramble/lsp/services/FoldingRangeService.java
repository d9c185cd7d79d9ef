package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Layer;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Target;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** Folding: every brace body that spans lines (model, target, block, residual, attention), and runs of comment lines. */
public final class FoldingRangeService {

    public List<FoldingRange> folding(DocumentAnalysis analysis, CancelChecker cancel) {
        Set<Range> bodies = new LinkedHashSet<>();
        for (Model m : analysis.design().models()) {
            bodies.add(m.range());
            for (Layer l : m.flatLayers()) {
                if (!l.children().isEmpty()) bodies.add(l.range());
            }
        }
        for (Target t : analysis.design().targets()) bodies.add(t.range());
        cancel.checkCanceled();
        List<FoldingRange> out = new ArrayList<>();
        for (Range r : bodies) {
            // End one line before the closing brace so the brace stays visible, as editors expect.
            if (r.end().line() - 1 > r.start().line()) out.add(new FoldingRange(r.start().line(), r.end().line() - 1));
        }
        int runStart = -1, previous = -2;
        for (LexedText.Tok t : analysis.lexed().tokens()) {
            boolean ownLineComment = t.type() == dev.bramble.grammar.BrambleLexer.LINE_COMMENT
                    && analysis.source().line(t.range().start().line()).trim().startsWith("//");
            if (ownLineComment && t.range().start().line() == previous + 1) {
                previous = t.range().start().line();
                continue;
            }
            if (runStart >= 0 && previous > runStart) out.add(comment(runStart, previous));
            runStart = ownLineComment ? t.range().start().line() : -1;
            previous = ownLineComment ? runStart : -2;
        }
        if (runStart >= 0 && previous > runStart) out.add(comment(runStart, previous));
        return out;
    }

    private static FoldingRange comment(int start, int end) {
        FoldingRange f = new FoldingRange(start, end);
        f.setKind(FoldingRangeKind.Comment);
        return f;
    }
}

package dev.bramble.lsp.services;

import dev.bramble.lsp.analysis.LexedText;
import dev.bramble.grammar.BrambleLexer;
import dev.bramble.lang.source.Range;
import dev.bramble.lang.model.Constant;
import dev.bramble.lang.model.Model;
import dev.bramble.lang.model.Reference;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Semantic tokens: what a TextMate grammar cannot know — which identifiers are constants (and
 * where they are defined), which name a layer, a model or a target, and which words form a part
 * number. Built from the lexer so it also colours a file with syntax errors.
 */
public final class SemanticTokensService {
    public static final List<String> TYPES = List.of("namespace", "variable", "function", "keyword", "type", "number",
            "string", "comment", "operator", "enumMember", "property");
    public static final List<String> MODIFIERS = List.of("declaration", "readonly");
    public static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, MODIFIERS);

    private static final int DECLARATION = 1, READONLY = 2;
    private static final Set<Integer> PART_PIECES = Set.of(BrambleLexer.IDENT, BrambleLexer.INT, BrambleLexer.MINUS,
            BrambleLexer.DECIMAL, BrambleLexer.QFORMAT, BrambleLexer.STRING);

    public SemanticTokens full(DocumentAnalysis analysis, CancelChecker cancel) {
        Set<Range> constantDefinitions = new HashSet<>();
        for (Model m : analysis.design().models()) {
            for (Constant c : m.constants()) constantDefinitions.add(c.nameRange());
        }
        Set<Range> constantUses = new HashSet<>();
        for (Reference r : analysis.design().references()) constantUses.add(r.range());

        List<LexedText.Tok> tokens = analysis.lexed().tokens();
        cancel.checkCanceled();
        List<Integer> data = new ArrayList<>(tokens.size() * 5);
        int[] last = {0, 0};
        boolean inDevice = false;
        int deviceLine = -1;
        for (int i = 0; i < tokens.size(); i++) {
            LexedText.Tok t = tokens.get(i);
            int previousType = i > 0 ? tokens.get(i - 1).type() : -1;
            if (t.type() == BrambleLexer.DEVICE || t.type() == BrambleLexer.BOARD) {
                inDevice = true;
                deviceLine = t.range().start().line();
            } else if (inDevice && (t.range().start().line() != deviceLine || t.isComment())) {
                inDevice = false;
            }
            int type;
            int modifiers = 0;
            if (t.isComment()) {
                type = TYPES.indexOf("comment");
            } else if (inDevice && PART_PIECES.contains(t.type())) {
                type = TYPES.indexOf("enumMember");
            } else if (t.type() == BrambleLexer.QFORMAT) {
                type = TYPES.indexOf("type");
            } else if (LexedText.isKeyword(t.type())) {
                type = TYPES.indexOf("keyword");
            } else if (t.type() == BrambleLexer.INT || t.type() == BrambleLexer.DECIMAL) {
                type = TYPES.indexOf("number");
            } else if (t.type() == BrambleLexer.STRING) {
                type = TYPES.indexOf("string");
            } else if (t.type() == BrambleLexer.IDENT) {
                if (constantDefinitions.contains(t.range())) {
                    type = TYPES.indexOf("variable");
                    modifiers = DECLARATION | READONLY;
                } else if (constantUses.contains(t.range())) {
                    type = TYPES.indexOf("variable");
                    modifiers = READONLY;
                } else if (previousType == BrambleLexer.MODEL || previousType == BrambleLexer.TARGET) {
                    type = TYPES.indexOf("namespace");
                    modifiers = DECLARATION;
                } else if (previousType == BrambleLexer.LINEAR || previousType == BrambleLexer.EMBEDDING
                        || previousType == BrambleLexer.INPUT || previousType == BrambleLexer.BLOCK) {
                    type = TYPES.indexOf("function");
                    modifiers = DECLARATION;
                } else {
                    type = TYPES.indexOf("variable");
                }
            } else if (t.type() == BrambleLexer.ARROW || t.type() == BrambleLexer.STAR || t.type() == BrambleLexer.PLUS
                    || t.type() == BrambleLexer.MINUS || t.type() == BrambleLexer.SLASH || t.type() == BrambleLexer.ASSIGN
                    || t.type() == BrambleLexer.RANGE || t.type() == BrambleLexer.PERCENT) {
                type = TYPES.indexOf("operator");
            } else {
                continue;   // braces, brackets, commas: punctuation, left to the client's grammar
            }
            emitPerLine(analysis, t, type, modifiers, data, last);
        }
        return new SemanticTokens(data);
    }

    /** LSP tokens may not span lines (clients without multilineTokenSupport): split block comments. */
    private static void emitPerLine(DocumentAnalysis analysis, LexedText.Tok t, int type, int modifiers, List<Integer> data, int[] last) {
        Range r = t.range();
        for (int line = r.start().line(); line <= r.end().line(); line++) {
            int start = line == r.start().line() ? r.start().character() : 0;
            int end = line == r.end().line() ? r.end().character() : analysis.source().line(line).length();
            if (end <= start) continue;
            int deltaLine = line - last[0];
            int deltaStart = deltaLine == 0 ? start - last[1] : start;
            data.add(deltaLine);
            data.add(deltaStart);
            data.add(end - start);
            data.add(type);
            data.add(modifiers);
            last[0] = line;
            last[1] = start;
        }
    }
}

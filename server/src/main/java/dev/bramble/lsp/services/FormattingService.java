package dev.bramble.lsp.services;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.grammar.BrambleParser;
import dev.bramble.lang.source.Codes;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/**
 * Formats a document to the one canonical layout: one statement per line, four spaces per brace
 * level, single spaces between words ({@code [a, b]}, {@code [dim -> 4 * dim]}, part numbers
 * and key layouts such as {@code hf-gpt2} untouched), at most one blank line, constants' {@code =} aligned, field keywords
 * ({@code device}, {@code clock}, {@code weights}, ...) padded so their values line up, one blank
 * line between top-level blocks, and trailing comments of neighbouring lines aligned. The layout depends only on the tokens, the
 * comments and where blank lines were, so formatting twice gives the same text.
 * A file with syntax errors is left alone: guessing its structure could destroy the user's text.
 */
public final class FormattingService {
    private static final String INDENT = "    ";
    private static final Set<Integer> FIELD_KEYWORDS = Set.of(BrambleLexer.WEIGHTS, BrambleLexer.TOKENS,
            BrambleLexer.NUMERIC, BrambleLexer.INPUT, BrambleLexer.DEVICE, BrambleLexer.BOARD, BrambleLexer.CLOCK, BrambleLexer.LANES,
            BrambleLexer.STORAGE, BrambleLexer.BUDGET, BrambleLexer.BAUD);

    private enum Kind { CONSTANT, FIELD, OTHER, COMMENT }

    /** One output line before alignment. {@code head} is padded for alignment; {@code rest} follows it. */
    private static final class Line {
        int depth;
        Kind kind = Kind.OTHER;
        boolean blankBefore;
        String head = "";
        StringBuilder rest = new StringBuilder();
        String comment;

        String code() {
            return rest.length() == 0 ? head : head + " " + rest;
        }
    }

    public List<TextEdit> format(DocumentAnalysis analysis, CancelChecker cancel) {
        // Not after a syntax error, nor when the analysis left part of the file unread (too deep,
        // too long, binary, a bug): the formatter parses the whole text itself and would recurse as deep.
        java.util.Set<String> unformattable = java.util.Set.of(Codes.SYNTAX, Codes.NESTING_DEPTH, Codes.EXPRESSION_SIZE,
                Codes.NOT_TEXT, Codes.INTERNAL);
        boolean syntaxErrors = analysis.text().length() > dev.bramble.lang.source.Limits.MAX_CHARS
                || analysis.design().diagnostics().stream().anyMatch(d -> unformattable.contains(d.code()));
        if (syntaxErrors) return List.of();
        String formatted = format(analysis.text());
        cancel.checkCanceled();
        if (formatted.equals(analysis.text())) return List.of();
        dev.bramble.lang.source.Position end = analysis.source().positionAt(analysis.text().length());
        return List.of(new TextEdit(new Range(new Position(0, 0), new Position(end.line(), end.character())), formatted));
    }

    /** The canonical text of a syntactically valid document. */
    public static String format(String text) {
        BrambleLexer lexer = new BrambleLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        BrambleParser parser = new BrambleParser(stream);
        parser.removeErrorListeners();
        BrambleParser.FileContext tree = parser.file();

        Set<Integer> statementStarts = new HashSet<>();
        Set<Integer> partPieces = new HashSet<>();
        Set<Integer> signs = new HashSet<>();
        collect(tree, statementStarts, partPieces, signs);

        List<Line> lines = new ArrayList<>();
        Line current = null;
        int depth = 0;
        Token previous = null;          // previous token on the default channel or a comment
        Token previousOnLine = null;    // previous code token of the current output line
        for (Token t : stream.getTokens()) {
            if (t.getType() == Token.EOF || t.getType() == BrambleLexer.WS) continue;
            boolean comment = t.getType() == BrambleLexer.LINE_COMMENT || t.getType() == BrambleLexer.BLOCK_COMMENT;
            boolean blank = newlinesBefore(stream, t) >= 2;
            if (comment) {
                boolean trailing = current != null && previous != null && previous.getLine() == t.getLine()
                        && !(previous.getType() == BrambleLexer.LINE_COMMENT || previous.getType() == BrambleLexer.BLOCK_COMMENT);
                if (trailing && !t.getText().contains("\n")) {
                    current.comment = t.getText().stripTrailing();
                    lines.add(current);
                    current = null;
                    previousOnLine = null;
                } else {
                    if (current != null) lines.add(current);
                    current = null;
                    previousOnLine = null;
                    Line c = new Line();
                    c.depth = depth;
                    c.kind = Kind.COMMENT;
                    c.blankBefore = blank;
                    c.head = t.getText().stripTrailing();
                    lines.add(c);
                }
                previous = t;
                continue;
            }
            boolean startsLine = statementStarts.contains(t.getTokenIndex()) || t.getType() == BrambleLexer.RBRACE;
            if (startsLine && current != null) {
                lines.add(current);
                current = null;
                previousOnLine = null;
            }
            if (t.getType() == BrambleLexer.RBRACE) depth = Math.max(0, depth - 1);
            if (current == null) {
                current = new Line();
                current.depth = depth;
                current.blankBefore = blank && t.getType() != BrambleLexer.RBRACE;
                if (t.getType() == BrambleLexer.IDENT && next(stream, t) == BrambleLexer.ASSIGN) current.kind = Kind.CONSTANT;
                else if (FIELD_KEYWORDS.contains(t.getType()) && statementStarts.contains(t.getTokenIndex())) current.kind = Kind.FIELD;
                current.head = t.getText();
            } else if (current.kind != Kind.OTHER && current.rest.length() == 0) {
                current.rest.append(t.getText());   // render() puts the (aligned) space between head and rest
            } else {
                boolean space = space(previousOnLine, t, stream, partPieces, signs);
                if (current.kind == Kind.OTHER) current.head += (space ? " " : "") + t.getText();
                else current.rest.append(space ? " " : "").append(t.getText());
            }
            previousOnLine = t;
            previous = t;
            if (t.getType() == BrambleLexer.LBRACE) {
                lines.add(current);
                current = null;
                previousOnLine = null;
                depth++;
            }
        }
        if (current != null) lines.add(current);
        return render(lines);
    }

    private static boolean space(Token before, Token t, CommonTokenStream stream, Set<Integer> partPieces, Set<Integer> signs) {
        if (before == null) return false;
        int b = before.getType(), a = t.getType();
        if (b == BrambleLexer.LBRACK || b == BrambleLexer.LPAREN || b == BrambleLexer.RANGE) return false;
        if (a == BrambleLexer.RBRACK || a == BrambleLexer.RPAREN || a == BrambleLexer.COMMA
                || a == BrambleLexer.PERCENT || a == BrambleLexer.RANGE) return false;
        if (partPieces.contains(before.getTokenIndex()) && partPieces.contains(t.getTokenIndex())) return false;
        if (signs.contains(before.getTokenIndex())) return false;
        if (a == BrambleLexer.LBRACK && b == BrambleLexer.IDENT && previousCode(stream, before) == BrambleLexer.BLOCK) return false;
        return true;
    }

    private static void collect(ParseTree node, Set<Integer> starts, Set<Integer> partPieces, Set<Integer> signs) {
        if (node instanceof BrambleParser.ModelContext || node instanceof BrambleParser.TargetContext
                || node instanceof BrambleParser.ModelItemContext || node instanceof BrambleParser.LayerContext
                || node instanceof BrambleParser.TargetItemContext) {
            starts.add(((ParserRuleContext) node).getStart().getTokenIndex());
        }
        if (node instanceof BrambleParser.PartNameContext || node instanceof BrambleParser.KeyLayoutContext) {
            ParserRuleContext p = (ParserRuleContext) node;
            for (int i = p.getStart().getTokenIndex(); i <= p.getStop().getTokenIndex(); i++) partPieces.add(i);
        }
        if (node instanceof BrambleParser.ClockFieldContext c && c.sign != null) signs.add(c.sign.getTokenIndex());
        for (int i = 0; i < node.getChildCount(); i++) collect(node.getChild(i), starts, partPieces, signs);
    }

    private static int newlinesBefore(CommonTokenStream stream, Token t) {
        int n = 0;
        for (int i = t.getTokenIndex() - 1; i >= 0 && stream.get(i).getType() == BrambleLexer.WS; i--) {
            n += stream.get(i).getText().chars().filter(ch -> ch == '\n').count();
        }
        return n;
    }

    private static int next(CommonTokenStream stream, Token t) {
        for (int i = t.getTokenIndex() + 1; i < stream.size(); i++) {
            if (stream.get(i).getChannel() == Token.DEFAULT_CHANNEL) return stream.get(i).getType();
        }
        return Token.EOF;
    }

    private static int previousCode(CommonTokenStream stream, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            if (stream.get(i).getChannel() == Token.DEFAULT_CHANNEL) return stream.get(i).getType();
        }
        return -1;
    }

    private static String render(List<Line> lines) {
        // Runs of neighbouring lines (same depth, no blank line or own-line comment between) align together.
        int[] headWidth = new int[lines.size()];
        int[] commentColumn = new int[lines.size()];
        int runStart = 0;
        for (int i = 0; i <= lines.size(); i++) {
            boolean breaks = i == lines.size() || lines.get(i).blankBefore || lines.get(i).kind == Kind.COMMENT
                    || (i > runStart && lines.get(i).depth != lines.get(runStart).depth)
                    || (i > runStart && lines.get(i - 1).head.endsWith("{"));
            if (!breaks) continue;
            alignRun(lines, runStart, i, headWidth, commentColumn);
            runStart = i;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            boolean afterTopLevelBlock = i > 0 && lines.get(i - 1).depth == 0 && lines.get(i - 1).head.equals("}");
            if ((l.blankBefore || afterTopLevelBlock) && i > 0 && !lines.get(i - 1).head.endsWith("{")) out.append('\n');
            StringBuilder code = new StringBuilder(INDENT.repeat(l.depth)).append(l.head);
            if (l.kind == Kind.CONSTANT || l.kind == Kind.FIELD) {
                while (code.length() < INDENT.length() * l.depth + headWidth[i]) code.append(' ');
                if (l.rest.length() > 0) code.append(' ').append(l.rest);
            }
            if (l.comment != null) {
                while (code.length() < commentColumn[i]) code.append(' ');
                code.append(l.comment);
            }
            out.append(code.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static void alignRun(List<Line> lines, int from, int to, int[] headWidth, int[] commentColumn) {
        // Alignment within a run of lines of the same kind (constants with constants, fields with fields).
        for (int i = from; i < to; ) {
            int j = i;
            int widest = 0;
            while (j < to && lines.get(j).kind == lines.get(i).kind) widest = Math.max(widest, lines.get(j++).head.length());
            for (int k = i; k < j; k++) headWidth[k] = widest;
            i = j;
        }
        int widestCode = 0;
        for (int i = from; i < to; i++) {
            Line l = lines.get(i);
            if (l.comment == null) continue;
            int len = INDENT.length() * l.depth + (l.kind == Kind.OTHER ? l.head.length()
                    : headWidth[i] + (l.rest.length() > 0 ? 1 + l.rest.length() : 0));
            widestCode = Math.max(widestCode, len);
        }
        for (int i = from; i < to; i++) commentColumn[i] = widestCode + 2;
    }
}

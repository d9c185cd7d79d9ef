package dev.bramble.lsp.services;

import dev.bramble.grammar.BrambleLexer;
import dev.bramble.lang.source.Position;
import dev.bramble.lang.source.Range;
import dev.bramble.lsp.analysis.Convert;
import dev.bramble.lsp.analysis.DocumentAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Rename a constant: its definition and every use, refused when the new name is not an identifier or already taken. */
public final class RenameService {

    /** The constant's range under the cursor, or null (the client then says "cannot rename this"). */
    public Either3<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior> prepare(
            DocumentAnalysis analysis, Position p, CancelChecker cancel) {
        cancel.checkCanceled();
        return SymbolAt.constantAt(analysis.design(), p).map(found -> {
            SymbolAt.ConstantFound c = (SymbolAt.ConstantFound) found;
            Range at = c.constant().nameRange().contains(p) ? c.constant().nameRange()
                    : c.uses().stream().filter(u -> u.contains(p)).findFirst().orElse(c.constant().nameRange());
            return Either3.<org.eclipse.lsp4j.Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forSecond(
                    new PrepareRenameResult(Convert.range(at), c.constant().name()));
        }).orElse(null);
    }

    public WorkspaceEdit rename(DocumentAnalysis analysis, Position p, String newName, CancelChecker cancel) {
        cancel.checkCanceled();
        SymbolAt.ConstantFound c = (SymbolAt.ConstantFound) SymbolAt.constantAt(analysis.design(), p)
                .orElseThrow(() -> invalid("only constants can be renamed; put the cursor on a constant such as 'dim'"));
        if (!isIdentifier(newName)) {
            throw invalid("'" + newName + "' is not a valid name: use letters, digits and '_', not starting with a digit, and not a keyword");
        }
        if (!newName.equals(c.constant().name()) && c.model().constant(newName).isPresent()) {
            throw invalid("model '" + c.model().name() + "' already has a constant named '" + newName + "'");
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(new TextEdit(Convert.range(c.constant().nameRange()), newName));
        for (Range use : c.uses()) edits.add(new TextEdit(Convert.range(use), newName));
        return new WorkspaceEdit(Map.of(analysis.uri(), edits));
    }

    /** A name the lexer reads as one identifier (so keywords like {@code linear} are refused). */
    static boolean isIdentifier(String name) {
        BrambleLexer lexer = new BrambleLexer(CharStreams.fromString(name));
        lexer.removeErrorListeners();
        Token first = lexer.nextToken();
        return first.getType() == BrambleLexer.IDENT && first.getText().equals(name) && lexer.nextToken().getType() == Token.EOF;
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}

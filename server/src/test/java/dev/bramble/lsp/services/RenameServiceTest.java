package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Collectors;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class RenameServiceTest {
    private final RenameService service = new RenameService();
    private static final String SMALL = "model m {\n    n = 4\n    k = 2\n    input x [n]\n    linear fc [n -> k * n]\n    argmax\n}\n";

    private String rename(String textWithBar, String newName) {
        Cursor c = cursor(textWithBar);
        WorkspaceEdit edit = service.rename(c.analysis(), c.position(), newName, NEVER);
        return edit.getChanges().get(URI).stream().map(e -> show(e.getRange()) + "=" + e.getNewText()).collect(Collectors.joining(" "));
    }

    private String refusal(String textWithBar, String newName) {
        Cursor c = cursor(textWithBar);
        return assertThrows(ResponseErrorException.class, () -> service.rename(c.analysis(), c.position(), newName, NEVER))
                .getResponseError().getMessage();
    }

    @Test
    void renamesDefinitionAndEveryUse() {
        assertEquals("r(1, 4, 1, 5)=width r(3, 13, 3, 14)=width r(4, 15, 4, 16)=width r(4, 24, 4, 25)=width",
                rename(SMALL.replace("[n]", "[|n]"), "width"));
    }

    @Test
    void prepareGivesTheNameUnderTheCursor() {
        Cursor c = cursor(SMALL.replace("k * n", "k * |n"));
        assertEquals("r(4, 24, 4, 25) n", show(service.prepare(c.analysis(), c.position(), NEVER).getSecond().getRange())
                + " " + service.prepare(c.analysis(), c.position(), NEVER).getSecond().getPlaceholder());
        Cursor layer = cursor(SMALL.replace("fc", "f|c"));
        assertNull(service.prepare(layer.analysis(), layer.position(), NEVER));
    }

    @Test
    void refusesBadNamesClashesAndNonConstants() {
        assertEquals("'2n' is not a valid name: use letters, digits and '_', not starting with a digit, and not a keyword",
                refusal(SMALL.replace("n = 4", "|n = 4"), "2n"));
        assertEquals("'linear' is not a valid name: use letters, digits and '_', not starting with a digit, and not a keyword",
                refusal(SMALL.replace("n = 4", "|n = 4"), "linear"));
        assertEquals("model 'm' already has a constant named 'k'", refusal(SMALL.replace("n = 4", "|n = 4"), "k"));
        assertEquals("only constants can be renamed; put the cursor on a constant such as 'dim'", refusal(SMALL.replace("fc", "|fc"), "g"));
    }
}

package dev.bramble.lsp.services;

import static dev.bramble.lsp.LspAssert.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Location;
import org.junit.jupiter.api.Test;

/** Go to definition and find references: they share {@link SymbolAt}, so they are tested together. */
class NavigationServicesTest {
    private final DefinitionService definition = new DefinitionService();
    private final ReferencesService references = new ReferencesService();

    private static String ranges(List<Location> locations) {
        return locations.stream().map(l -> show(l.getRange())).collect(Collectors.joining(" "));
    }

    private String definitionOf(String textWithBar) {
        Cursor c = cursor(textWithBar);
        return ranges(definition.definition(c.analysis(), c.position(), NEVER));
    }

    private String referencesOf(String textWithBar, boolean declaration) {
        Cursor c = cursor(textWithBar);
        return ranges(references.references(c.analysis(), c.position(), declaration, NEVER));
    }

    private static final String SMALL = "model m {\n    n = 4\n    input x [n]\n    linear fc [n -> 2 * n]\n    argmax\n}\n";

    @Test
    void constantUseGoesToItsDefinition() {
        assertEquals("r(1, 4, 1, 5)", definitionOf(SMALL.replace("[n]", "[|n]")));
        assertEquals("r(1, 4, 1, 5)", definitionOf(SMALL.replace("2 * n", "2 * n|")));
    }

    @Test
    void layerNameIsItsOwnDefinition() {
        assertEquals("r(3, 11, 3, 13)", definitionOf(SMALL.replace("linear fc", "linear f|c")));
        assertEquals("r(3, 11, 3, 13)", definitionOf(SMALL.replace("linear fc", "lin|ear fc")));
    }

    @Test
    void nothingHereNoDefinition() {
        assertEquals("", definitionOf(SMALL.replace("argmax", "arg|max")));
    }

    @Test
    void referencesOfAConstant() {
        assertEquals("r(2, 13, 2, 14) r(3, 15, 3, 16) r(3, 24, 3, 25)", referencesOf(SMALL.replace("n = 4", "|n = 4"), false));
        assertEquals("r(1, 4, 1, 5) r(2, 13, 2, 14) r(3, 15, 3, 16) r(3, 24, 3, 25)", referencesOf(SMALL.replace("[n]", "[n|]"), true));
    }

    @Test
    void referencesOfALayerIsItsDeclaration() {
        assertEquals("r(2, 10, 2, 11)", referencesOf(SMALL.replace("input x", "input |x"), true));
    }

    @Test
    void repeatedBlockReferencesAreNotDuplicated() {
        String text = "model m {\n    n = 4\n    input x [n]\n    block b[0..2] {\n        linear fc [n -> n]\n    }\n    argmax\n}\n";
        assertEquals("r(2, 13, 2, 14) r(4, 19, 4, 20) r(4, 24, 4, 25)", referencesOf(text.replace("n = 4", "n| = 4"), false));
    }
}

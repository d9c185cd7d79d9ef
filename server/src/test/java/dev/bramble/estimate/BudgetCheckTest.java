package dev.bramble.estimate;

import dev.bramble.lang.Bramble;
import dev.bramble.lang.model.Design;
import dev.bramble.lang.source.Diagnostic;
import dev.bramble.plan.PlanFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each file under test resources {@code budget/} says what it must produce, one line per
 * expectation: {@code // expect CODE SEVERITY LINE:COL [fixes=kind,...] [lanes=N] [suggestion=NAME]}
 * (1-based line and column of the diagnostic's start, as an editor shows them).
 */
class BudgetCheckTest {
    @TestFactory
    Stream<DynamicTest> budgetExamples() throws Exception {
        Path dir = PlanFixtures.repoFile("server/src/test/resources/budget");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".bramble")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "expected the budget examples in " + dir);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> checkFile(f)));
    }

    private static void checkFile(Path file) throws Exception {
        String text = Files.readString(file);
        Design design = Bramble.analyze(file.getFileName().toString(), text);
        assertTrue(design.diagnostics().stream().noneMatch(Diagnostic::isError),
                "the example itself must be valid: " + design.diagnostics());
        List<Diagnostic> found = BudgetCheck.check(design);
        List<String> expectations = text.lines().filter(l -> l.startsWith("// expect ")).toList();
        assertTrue(!expectations.isEmpty(), file + " states no expectation");
        List<Diagnostic> unmatched = new ArrayList<>(found);
        for (String line : expectations) {
            String[] w = line.substring("// expect ".length()).trim().split("\\s+");
            String code = w[0];
            String severity = w[1];
            String[] lc = w[2].split(":");
            int lineNo = Integer.parseInt(lc[0]) - 1;
            int col = Integer.parseInt(lc[1]) - 1;
            Diagnostic d = unmatched.stream()
                    .filter(x -> x.code().equals(code) && x.range().start().line() == lineNo
                            && x.range().start().character() == col)
                    .findFirst().orElse(null);
            if (d == null) fail(file.getFileName() + ": no " + code + " at " + w[2] + "; found " + describe(found));
            unmatched.remove(d);
            assertEquals(severity, d.severity().name().toLowerCase(), line);
            for (int i = 3; i < w.length; i++) {
                String[] kv = w[i].split("=", 2);
                switch (kv[0]) {
                    case "fixes" -> {
                        List<String> kinds = fixes(design, d).stream().map(m -> (String) m.get("kind")).toList();
                        for (String k : kv[1].split(",")) assertTrue(kinds.contains(k), line + ": fix kinds " + kinds);
                    }
                    case "lanes" -> assertTrue(fixes(design, d).stream().anyMatch(m -> ("lanes " + kv[1]).equals(m.get("newText"))),
                            line + ": fixes " + fixes(design, d));
                    case "suggestion" -> assertTrue(((List<?>) d.data().get("suggestions")).contains(kv[1]),
                            line + ": suggestions " + d.data().get("suggestions"));
                    default -> fail("unknown expectation key " + kv[0]);
                }
            }
        }
        assertTrue(unmatched.isEmpty(), file.getFileName() + ": unexpected diagnostics " + describe(unmatched));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fixes(Design design, Diagnostic d) {
        if (d.data().containsKey("fixes")) return (List<Map<String, Object>>) d.data().get("fixes");
        if (!d.data().containsKey(BudgetCheck.FIX_TARGET)) return List.of();
        return BudgetCheck.fixesFor(design.model().orElseThrow(), design.target((String) d.data().get(BudgetCheck.FIX_TARGET)).orElseThrow(),
                (Integer) d.data().get(BudgetCheck.FIX_PERCENT), (Boolean) d.data().get(BudgetCheck.FIX_WITH_LOGIC));
    }

    private static String describe(List<Diagnostic> ds) {
        return Arrays.toString(ds.stream().map(d -> d.code() + "@" + (d.range().start().line() + 1) + ":"
                + (d.range().start().character() + 1) + " " + d.message() + " " + d.data().get("fixes")).toArray());
    }

    @Test
    void microGptOnDe1SocIsClean() throws Exception {
        assertEquals(List.of(), BudgetCheck.check(PlanFixtures.example("microgpt")));
    }

    @Test
    void aBrokenModelStillGetsItsPartChecked() {
        Design design = Bramble.analyze("x.bramble", "model m { linear a [ -> }\ntarget t {\n device nosuchpart\n lanes 4\n}\n");
        assertTrue(BudgetCheck.check(design).stream().anyMatch(d -> d.code().equals(EstimateCodes.UNKNOWN_DEVICE)));
    }
}

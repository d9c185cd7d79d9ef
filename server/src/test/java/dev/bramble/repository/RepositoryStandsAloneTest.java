package dev.bramble.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user clones the repository into an empty folder: nothing beside it. Every test, script and
 * documented command must therefore stay inside the repository. This scans the tracked sources
 * and documents for paths that climb out of it.
 */
class RepositoryStandsAloneTest {
    /** Tests run with the module folder (server/) as working directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules", "out", ".vscode-test");

    /** Relative paths that climb out of the folder they are written from. */
    static final Pattern CLIMBS = Pattern.compile(
            // a shell or markdown path: ../something at the start of a word
            "(?<![\\w.])\\.\\./[\\w.-]"
            // a Java path of two parent steps in a row (Path.of with ".." twice)
            + "|\"\\.\\.\"\\s*,\\s*\"\\.\\.\"");

    /** Modules whose tests run one folder down: from there "../x" is the repository's x. */
    static final Set<String> MODULE_FOLDERS = Set.of("server", "grammar");

    @Test
    void noFileNamesAPathOutsideTheRepository() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path file : trackedTextFiles()) {
            String text = readText(file);
            if (text == null) continue;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = CLIMBS.matcher(lines[i]);
                while (m.find()) {
                    if (!leavesTheRepository(file, lines[i], m.start())) continue;
                    offences.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertEquals(List.of(), offences, "these lines name a path outside the repository; users have only the clone");
    }

    @Test
    void theScanSeesAClimbingPath() {
        // The rule above must be able to fail: a command from the root that reads ../data.
        Path readme = ROOT.resolve("README.md");
        String line = "./bramble train x.bramble --data ../" + "data/names.txt";
        Matcher m = CLIMBS.matcher(line);
        assertTrue(m.find() && leavesTheRepository(readme, line, m.start()));
        String javaLine = "Path.of(\"..\", \"..\", \"data\")";
        Matcher j = CLIMBS.matcher(javaLine);
        assertTrue(j.find() && leavesTheRepository(ROOT.resolve("server/src/test/java/X.java"), javaLine, j.start()));
    }

    @Test
    void theCorpusShipsWithItsLicence() {
        assertTrue(Files.isRegularFile(ROOT.resolve("examples/microgpt/names.txt")));
        assertTrue(Files.isRegularFile(ROOT.resolve("examples/microgpt/names.LICENSE")));
    }

    /**
     * Whether the "../" found at {@code at} climbs out. Markdown links and code inside a folder
     * may point one level up (docs/ to the root); a path in a root-level file, or a climb of two
     * levels from a module, leaves the repository.
     */
    static boolean leavesTheRepository(Path file, String line, int at) {
        Path relative = ROOT.relativize(file);
        int depth = relative.getNameCount() - 1; // folders between the root and the file
        String rest = line.substring(at);
        int ups = 0;
        Matcher up = Pattern.compile("\\.\\./").matcher(rest);
        while (up.find() && up.start() == ups * 3) ups++;
        if (rest.startsWith("\"..\"")) ups = 2;
        // Commands in documents and scripts run from the repository root (README, docs,
        // run-tests); Java tests run from their module folder.
        boolean javaTest = relative.toString().endsWith(".java");
        int base = javaTest ? moduleDepth(relative) : isCommand(file, line) ? 0 : depth;
        return ups > base;
    }

    static int moduleDepth(Path relative) {
        return MODULE_FOLDERS.contains(relative.getName(0).toString()) ? 1 : 0;
    }

    /** A line of a shell script or a command shown in a document runs from the root. */
    static boolean isCommand(Path file, String line) {
        String name = file.getFileName().toString();
        if (name.endsWith(".md")) {
            return line.contains("./bramble") || line.contains("mvn ") || line.stripLeading().startsWith("$ ");
        }
        return name.endsWith(".sh") || name.equals("run-tests") || name.equals("run") || name.equals("bramble");
    }

    static List<Path> trackedTextFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> ROOT.relativize(p).toString().chars().noneMatch(c -> c == 0))
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) if (SKIPPED_FOLDERS.contains(part.toString())) return false;
                        return true;
                    })
                    .filter(p -> p.getFileName().toString().matches(
                            ".*\\.(java|md|sh|ts|js|json|bramble|v|g4|lua|el|xml|yml|yaml|txt)|run-tests|run|bramble"))
                    .filter(p -> !p.getFileName().toString().equals("names.txt"))
                    .sorted()
                    .toList();
        }
    }

    static String readText(Path file) throws IOException {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return null;
        }
    }
}

package dev.bramble.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What may depend on what (docs/architecture.md, "Packages"), checked on the compiled classes of
 * both modules: no package cycles, and every dependency points down this list —
 * <pre>
 *   front ends      lsp, lsp.services, lsp.analysis, cli
 *   tool runs       sim, synth
 *   costs and RTL   estimate, rtl, project (the check pipeline)
 *   plan            plan
 *   reference       golden, train
 *   foundations     device, weights, numerics, tools, errors
 *   language        lang, lang.resolve, lang.model, lang.source, grammar (ANTLR)
 * </pre>
 */
class LayeringTest {
    static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bramble");
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.bramble.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("front ends").definedBy("dev.bramble.lsp..", "dev.bramble.cli..")
                .layer("tool runs").definedBy("dev.bramble.sim..", "dev.bramble.synth..", "dev.bramble.board..")
                .layer("costs and RTL").definedBy("dev.bramble.estimate..", "dev.bramble.rtl..", "dev.bramble.project..")
                .layer("plan").definedBy("dev.bramble.plan..")
                .layer("reference").definedBy("dev.bramble.golden..", "dev.bramble.train..")
                .layer("foundations").definedBy("dev.bramble.device..", "dev.bramble.weights..", "dev.bramble.numerics..",
                        "dev.bramble.tools..", "dev.bramble.errors..")
                .layer("language").definedBy("dev.bramble.lang..", "dev.bramble.grammar..")
                .whereLayer("front ends").mayNotBeAccessedByAnyLayer()
                .whereLayer("tool runs").mayOnlyBeAccessedByLayers("front ends")
                .whereLayer("costs and RTL").mayOnlyBeAccessedByLayers("tool runs", "front ends")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("costs and RTL", "tool runs", "front ends")
                .whereLayer("reference").mayOnlyBeAccessedByLayers("costs and RTL", "tool runs", "front ends")
                .whereLayer("foundations").mayOnlyBeAccessedByLayers("reference", "plan", "costs and RTL", "tool runs", "front ends")
                .check(classes);
    }
}

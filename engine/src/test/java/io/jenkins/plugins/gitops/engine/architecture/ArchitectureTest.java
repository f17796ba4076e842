package io.jenkins.plugins.gitops.engine.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape, checked on its compiled classes: no Jenkins type anywhere (the engine must run
 * and be tested without Jenkins), and no cycles between its packages (each concept can be read, and
 * replaced, on its own).
 */
class ArchitectureTest {

    private static JavaClasses engineClasses;

    @BeforeAll
    static void importEngine() {
        engineClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.gitops.engine");
    }

    @Test
    void shouldNotDependOnJenkins() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke.stapler..", "org.jenkinsci..")
                .because("the engine is a plain library; the plugin translates between Jenkins and it");
        rule.check(engineClasses);
    }

    @Test
    void shouldHaveNoCyclesBetweenPackages() {
        ArchRule rule = slices().matching("io.jenkins.plugins.gitops.engine.(*)..")
                .should().beFreeOfCycles();
        rule.check(engineClasses);
    }

    @Test
    void shouldKeepTheSharedVocabularyFreeOfOtherEnginePackages() {
        ArchRule rule = noClasses().that().resideInAPackage("io.jenkins.plugins.gitops.engine.resource..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.jenkins.plugins.gitops.engine.source..",
                        "io.jenkins.plugins.gitops.engine.render..",
                        "io.jenkins.plugins.gitops.engine.cli..")
                .because("every package speaks in ObjectRef, Origin and KubeObject");
        rule.check(engineClasses);
    }

    @Test
    void shouldNotLetTheLibraryDependOnTheCommandLine() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.jenkins.plugins.gitops.engine.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.gitops.engine.cli..")
                .because("the plugin compiles the engine without its command line");
        rule.check(engineClasses);
    }

    @Test
    void shouldKeepTheCommandLineLibrariesInTheCommandLine() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("io.jenkins.plugins.gitops.engine.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubeapitest..", "picocli..")
                .because("the plugin compiles the engine without the cli package, and Jenkins has neither"
                        + " kube-api-test (the demo's API server) nor picocli");
        rule.check(engineClasses);
    }

    @Test
    void shouldLetOnlyTheCommandLineAndThePipelineUseTheViewModels() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("io.jenkins.plugins.gitops.engine.view..",
                        "io.jenkins.plugins.gitops.engine.cli..", "io.jenkins.plugins.gitops.engine.pipeline..")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.gitops.engine.view..")
                .because("the view models sit on top of the library: pages and the command line read them, and the"
                        + " pipeline's verdict names the badge; the library below never does");
        rule.check(engineClasses);
    }

    @Test
    void shouldBuildTheViewModelsFromReportsAndStatusesOnly() {
        ArchRule rule = classes().that().resideInAPackage("io.jenkins.plugins.gitops.engine.view..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.jenkins.plugins.gitops.engine..")
                        .or(resideInAnyPackage("io.jenkins.plugins.gitops.engine.view..",
                                "io.jenkins.plugins.gitops.engine.report..",
                                "io.jenkins.plugins.gitops.engine.resource..",
                                "io.jenkins.plugins.gitops.engine.health..",
                                "io.jenkins.plugins.gitops.engine.diff..",
                                "io.jenkins.plugins.gitops.engine.sync..")))
                .because("a page shows what a check or sync recorded; rendering it never fetches from Git, renders"
                        + " manifests or reaches a cluster");
        rule.check(engineClasses);
    }

    @Test
    void shouldComputeDeclaredEnvironmentsFromGitOnly() {
        ArchRule rule = classes().that().resideInAPackage("io.jenkins.plugins.gitops.engine.declare..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.jenkins.plugins.gitops.engine..")
                        .or(resideInAnyPackage("io.jenkins.plugins.gitops.engine.declare..",
                                "io.jenkins.plugins.gitops.engine.source..")))
                .because("a folder computation reads its repository and nothing else: it never renders manifests"
                        + " or reaches a cluster, whatever the repository declares");
        rule.check(engineClasses);
    }
}

package io.jenkins.plugins.gitops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import hudson.model.PeriodicWork;
import hudson.model.RootAction;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's shape, checked on its compiled classes: one package per Jenkins concept, each class where its
 * Jenkins type says it belongs, and only the bridge to the engine ({@code reconcile}) reaching Git and clusters.
 * The engine's own rules are in the engine's {@code ArchitectureTest}.
 */
class PluginArchitectureTest {

    private static final String PLUGIN = "io.jenkins.plugins.gitops";

    private static JavaClasses pluginClasses;

    @BeforeAll
    static void importPlugin() {
        pluginClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // DO_NOT_INCLUDE_TESTS knows Maven's target/test-classes only; a build that puts test classes elsewhere
                // (a javac-only check) would otherwise hold test helpers such as TestRepository to the plugin's rules
                .withImportOption(location -> !location.contains("/test-classes/"))
                .withImportOption(location -> !location.contains("/io/jenkins/plugins/gitops/engine/"))
                .importPackages(PLUGIN);
    }

    @Test
    void shouldKeepEachJenkinsConceptInItsPackage() {
        check(classes().that().areAssignableTo(TopLevelItem.class).should().resideInAnyPackage(
                PLUGIN + ".item..", PLUGIN + ".folder.."), "environments and their folders are items");
        check(classes().that().areAssignableTo(Run.class).should().resideInAPackage(PLUGIN + ".run.."),
                "a sync is a build record");
        check(classes().that().areAssignableTo(PeriodicWork.class).should().resideInAPackage(PLUGIN + ".scheduling.."),
                "background work is scheduling");
        check(classes().that().areAssignableTo(Step.class).or().areAssignableTo(StepExecution.class)
                .should().resideInAPackage(PLUGIN + ".steps.."), "Pipeline steps live together");
        check(classes().that().areAssignableTo(GlobalConfiguration.class).should().resideInAPackage(PLUGIN + ".config.."),
                "the system configuration is one place");
        check(classes().that().areAssignableTo(RootAction.class).should().resideInAPackage(PLUGIN + ".web.."),
                "pages and endpoints of their own are web");
    }

    @Test
    void shouldReachGitAndClustersOnlyThroughTheEngineBridge() {
        check(noClasses().that().resideOutsideOfPackages(PLUGIN + ".reconcile..", PLUGIN + ".config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "org.eclipse.jgit.."),
                "items, runs, pages and steps ask the engine, through reconcile, and never talk to Git or a cluster");
    }

    @Test
    void shouldNotDependOnTheEntryPoints() {
        check(noClasses().that().resideOutsideOfPackage(PLUGIN + ".steps..")
                .should().dependOnClassesThat().resideInAPackage(PLUGIN + ".steps.."),
                "Pipeline steps use the plugin; nothing in it needs them");
        check(noClasses().that().resideOutsideOfPackages(PLUGIN + ".web..", PLUGIN + ".folder..")
                .should().dependOnClassesThat().resideInAPackage(PLUGIN + ".web.."),
                "the dashboard and the notify endpoint use the plugin; nothing in it needs them but the folder page,"
                        + " which shows the dashboard's rows");
        check(noClasses().that().resideInAPackage(PLUGIN + ".reconcile..")
                .should().dependOnClassesThat().resideInAnyPackage(PLUGIN + ".scheduling..", PLUGIN + ".web..",
                        PLUGIN + ".steps.."),
                "one run of an environment does not know who started it");
    }

    @Test
    void shouldNotUseTheEnginesCommandLine() {
        check(noClasses().should().dependOnClassesThat().resideInAPackage(PLUGIN + ".engine.cli.."),
                "the command line is not in the plugin (its dependencies are not either)");
    }

    private static void check(ArchRule rule, String because) {
        rule.because(because).check(pluginClasses);
    }
}

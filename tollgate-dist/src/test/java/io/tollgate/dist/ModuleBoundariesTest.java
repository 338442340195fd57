package io.tollgate.dist;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of ARCHITECTURE.md, checked on the compiled classes of every module (this
 * module depends on all of them). Maven dependencies already stop most violations; these rules
 * also catch a dependency added to a pom by mistake. Rules about modules that do not exist yet
 * pass vacuously and start biting the day the module gets code.
 */
class ModuleBoundariesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
    }

    @Test
    void gatewayNeverUsesTheStoreOrTheServer() {
        check(noClasses().that().resideInAPackage("io.tollgate.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.store..", "io.tollgate.server.."));
    }

    @Test
    void meterNeverUsesTheStoreOrTheServer() {
        check(noClasses().that().resideInAPackage("io.tollgate.meter..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.store..", "io.tollgate.server..",
                        "io.tollgate.gateway.."));
    }

    @Test
    void cliAndOperatorUseOnlyTheAdminApiClient() {
        check(noClasses().that().resideInAnyPackage("io.tollgate.cli..", "io.tollgate.operator..",
                        "io.tollgate.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.store..", "io.tollgate.server..",
                        "io.tollgate.gateway..", "io.tollgate.meter.."));
    }

    @Test
    void cliUsesOnlyTheClientAndTheModel() {
        check(classes().that().resideInAPackage("io.tollgate.cli..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.tollgate..")
                        .or(resideInAnyPackage("io.tollgate.cli..", "io.tollgate.client..", "io.tollgate.model.."))));
    }

    @Test
    void clientKnowsNothingOfItsUsers() {
        check(noClasses().that().resideInAPackage("io.tollgate.client..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.cli..", "io.tollgate.operator..",
                        "io.tollgate.dist.."));
    }

    @Test
    void storeKnowsNothingAboveIt() {
        check(noClasses().that().resideInAPackage("io.tollgate.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.server..", "io.tollgate.gateway..",
                        "io.tollgate.meter..", "io.tollgate.dist..", "io.tollgate.cli..", "io.tollgate.client.."));
    }

    @Test
    void modelAndCommonAreLeaves() {
        check(noClasses().that().resideInAPackage("io.tollgate.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.store..", "io.tollgate.server..",
                        "io.tollgate.gateway..", "io.tollgate.meter..", "io.tollgate.dist..", "io.tollgate.cli..",
                        "io.tollgate.client.."));
        check(noClasses().that().resideInAPackage("io.tollgate.common..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.model..", "io.tollgate.store..",
                        "io.tollgate.server..", "io.tollgate.gateway..", "io.tollgate.meter..", "io.tollgate.dist.."));
    }

    @Test
    void serverDoesNotReachIntoTheDataPlane() {
        check(noClasses().that().resideInAPackage("io.tollgate.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tollgate.gateway..", "io.tollgate.dist.."));
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(classes);
    }
}

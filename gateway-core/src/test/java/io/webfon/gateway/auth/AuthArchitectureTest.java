package io.webfon.gateway.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * sercen-auth reaches the node through one package, io.webfon.gateway.auth (and the command line's delegation of
 * {@code webfon-gateway sercen ...}); plugins, configuration and transports never see it.
 */
class AuthArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.webfon.gateway");

    @Test
    void onlyTheAuthPackageAndMainSeeSercen() {
        noClasses().that().resideOutsideOfPackage("io.webfon.gateway.auth..")
                .and().doNotHaveFullyQualifiedName("io.webfon.gateway.Main")
                .should().dependOnClassesThat().resideInAPackage("io.webfon.sercen..")
                .check(classes);
    }
}

package io.webfon.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** gateway-core joins the modules; plugins use the Janus SPI, not the transports. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.webfon.gateway");

    @Test
    void pluginsSeeOnlyThePluginSpiAndTheProtocol() {
        noClasses().that().resideInAPackage("io.webfon.gateway.plugins..")
                .should().dependOnClassesThat().resideInAnyPackage("io.webfon.janus.transport..",
                        "io.webfon.janus.core..", "io.webfon.janus.session..", "io.vertx..")
                .check(classes);
    }

    @Test
    void configurationDoesNoNetworking() {
        noClasses().that().resideInAPackage("io.webfon.gateway.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.net.http..")
                .check(classes);
    }
}

package io.webfon.janus;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** janus-compat-api is a leaf: it depends on no other module of ours, and its protocol code does no I/O. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.webfon");

    @Test
    void dependsOnNoOtherModuleOfOurs() {
        noClasses().that().resideInAPackage("io.webfon.janus..")
                .should().dependOnClassesThat().resideInAnyPackage("io.webfon.gateway..", "io.webfon.rtp..",
                        "io.webfon.sip..", "io.webfon.sercen..")
                .check(classes);
    }

    @Test
    void protocolSessionsAndCoreStayFreeOfSocketsAndEventLoops() {
        noClasses().that().resideInAnyPackage("io.webfon.janus.protocol..", "io.webfon.janus.session..",
                        "io.webfon.janus.core..", "io.webfon.janus.plugin..", "io.webfon.janus.auth..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "io.vertx..", "io.netty.channel..")
                .check(classes);
    }
}

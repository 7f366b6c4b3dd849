package io.webfon.sercen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * sercen-auth is a leaf (it depends on no module of ours), and its pure logic (configuration, policy, TOTP,
 * network blocks, limits, log format, crypto, model) does no I/O: no sockets, no Vert.x, no JDBC, no LDAP, no mail.
 */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.webfon.sercen");

    @Test
    void dependsOnNoOtherModuleOfOurs() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.webfon.janus..", "io.webfon.gateway..",
                "io.webfon.rtp..").check(classes);
    }

    @Test
    void pureLogicDoesNoIo() {
        noClasses().that().resideInAnyPackage("io.webfon.sercen.config..", "io.webfon.sercen.policy..",
                        "io.webfon.sercen.totp..", "io.webfon.sercen.net..", "io.webfon.sercen.limit..",
                        "io.webfon.sercen.model..", "io.webfon.sercen.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "javax.sql..",
                        "com.unboundid..", "jakarta.mail..", "java.net.http..", "com.zaxxer..")
                .check(classes);
    }

    @Test
    void onlyTheRestAndStatusPackagesAndTheServerTouchVertx() {
        noClasses().that().resideInAnyPackage("io.webfon.sercen.auth..", "io.webfon.sercen.store..",
                        "io.webfon.sercen.ldap..", "io.webfon.sercen.mail..", "io.webfon.sercen.log..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..").check(classes);
    }
}

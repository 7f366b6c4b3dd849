package io.webfon.rtp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layering inside rtp-engine (STYLE.md guidance 1, as JVB keeps its {@code rtp} module free of networking): the
 * pure packages do no I/O and know no transport, crypto or ICE library. One rule per package; add yours here.
 */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.webfon.rtp");

    @Test
    void packetViewsStayFreeOfIoAndOfTheMediaLibraries() {
        noClasses().that().resideInAPackage("io.webfon.rtp.packet..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.nio.file..", "java.io..", "io.netty..", "org.ice4j..", "io.vertx..",
                        "org.bouncycastle..", "org.jitsi..")
                .because("packet parsing is pure: bytes in, values out; sockets, DTLS, SRTP and ICE live elsewhere")
                .check(classes);
    }

    @Test
    void packetViewsDependOnNoOtherPackageOfTheEngine() {
        noClasses().that().resideInAPackage("io.webfon.rtp.packet..")
                .should().dependOnClassesThat().resideInAnyPackage("io.webfon.rtp.sdp..", "io.webfon.rtp.ice..",
                        "io.webfon.rtp.dtls..", "io.webfon.rtp.srtp..", "io.webfon.rtp.webrtc..",
                        "io.webfon.rtp.ports..", "io.webfon.rtp.client..")
                .because("the other packages build on the packet views, never the reverse")
                .check(classes);
    }

    @Test
    void sdpStaysFreeOfIoAndOfTheMediaLibraries() {
        noClasses().that().resideInAPackage("io.webfon.rtp.sdp..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                        "java.nio.file..", "java.io..", "io.netty..", "org.ice4j..", "io.vertx..",
                        "org.bouncycastle..", "org.jitsi..")
                .because("SDP is text in, values out: the media engine and sip-bridge do the I/O")
                .check(classes);
    }

    @Test
    void sdpDependsOnNoOtherPackageOfTheEngine() {
        noClasses().that().resideInAPackage("io.webfon.rtp.sdp..")
                .should().dependOnClassesThat().resideInAnyPackage("io.webfon.rtp.packet..", "io.webfon.rtp.ice..",
                        "io.webfon.rtp.dtls..", "io.webfon.rtp.srtp..", "io.webfon.rtp.webrtc..",
                        "io.webfon.rtp.ports..", "io.webfon.rtp.client..")
                .because("sip-bridge uses the SDP model without the WebRTC stack; the engine builds on it")
                .check(classes);
    }
}

package io.webfon.rtp.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.webfon.rtp.srtp.PacketBuffer;
import io.webfon.rtp.srtp.SrtpSession;
import io.webfon.rtp.sdp.Fingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jitsi.srtp.SrtpErrorStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two endpoints back to back in memory (as JVB's DtlsTest and BC's MockDatagramAssociation): no sockets. */
class DtlsEndpointTest {
    private static final DtlsCertificate CLIENT_CERT = DtlsCertificate.generate("client", Instant.now());
    private static final DtlsCertificate SERVER_CERT = DtlsCertificate.generate("server", Instant.now());

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static final class Result implements DtlsListener {
        final CompletableFuture<SrtpKeyMaterial> keys = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public void onConnected(SrtpKeyMaterial k) {
            keys.complete(k);
        }

        @Override
        public void onFailed(String reason) {
            keys.completeExceptionally(new IllegalStateException(reason));
        }

        @Override
        public void onClosed(String reason) {
            closed.complete(reason);
        }
    }

    private DtlsEndpoint[] pair(Result client, Result server, List<Fingerprint> clientSees, List<Fingerprint> serverSees) {
        DtlsEndpoint[] ends = new DtlsEndpoint[2];
        ends[0] = new DtlsEndpoint(CLIENT_CERT, DtlsRole.CLIENT, clientSees, (b, o, l) -> ends[1].receive(b, o, l),
                executor, client, 1200, Duration.ofSeconds(10));
        ends[1] = new DtlsEndpoint(SERVER_CERT, DtlsRole.SERVER, serverSees, (b, o, l) -> ends[0].receive(b, o, l),
                executor, server, 1200, Duration.ofSeconds(10));
        return ends;
    }

    @Test
    void handshakeExportsMirroredSrtpKeysThatInteroperate() throws Exception {
        Result client = new Result();
        Result server = new Result();
        DtlsEndpoint[] ends = pair(client, server, List.of(SERVER_CERT.fingerprint()),
                List.of(CLIENT_CERT.fingerprint()));
        ends[1].start();
        ends[0].start();
        SrtpKeyMaterial c = client.keys.get(10, TimeUnit.SECONDS);
        SrtpKeyMaterial s = server.keys.get(10, TimeUnit.SECONDS);
        assertThat(c.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM).isEqualTo(s.profile());
        assertThat(c.localKey()).isEqualTo(s.remoteKey());
        assertThat(c.remoteSalt()).isEqualTo(s.localSalt());
        assertThat(ends[0].isConnected()).isTrue();

        try (SrtpSession sender = new SrtpSession(c); SrtpSession receiver = new SrtpSession(s)) {
            byte[] rtp = rtp(1234, 4242);
            byte[] buf = new byte[rtp.length + PacketBuffer.SRTP_TRAILER_ROOM];
            System.arraycopy(rtp, 0, buf, 0, rtp.length);
            PacketBuffer p = new PacketBuffer(buf, 0, rtp.length);
            assertThat(sender.protectRtp(p)).isEqualTo(SrtpErrorStatus.OK);
            assertThat(p.getLength()).isEqualTo(rtp.length + SrtpProfile.AEAD_AES_128_GCM.rtpOverhead());
            assertThat(receiver.unprotectRtp(p)).isEqualTo(SrtpErrorStatus.OK);
            assertThat(java.util.Arrays.copyOfRange(p.getBuffer(), 0, p.getLength())).isEqualTo(rtp);
        }
        ends[0].close();
        assertThat(server.closed.get(10, TimeUnit.SECONDS)).contains("close_notify");
    }

    /**
     * Each flight leaves as one datagram (as OpenSSL and BoringSSL send theirs): the client's second flight packs
     * Certificate, ClientKeyExchange, CertificateVerify, ChangeCipherSpec and Finished.
     */
    @Test
    void flightsArePackedIntoOneDatagram() throws Exception {
        List<byte[]> fromClient = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Result client = new Result();
        Result server = new Result();
        DtlsEndpoint[] ends = new DtlsEndpoint[2];
        ends[0] = new DtlsEndpoint(CLIENT_CERT, DtlsRole.CLIENT, List.of(SERVER_CERT.fingerprint()), (b, o, l) -> {
            fromClient.add(java.util.Arrays.copyOfRange(b, o, o + l));
            ends[1].receive(b, o, l);
        }, executor, client, 1200, Duration.ofSeconds(10));
        ends[1] = new DtlsEndpoint(SERVER_CERT, DtlsRole.SERVER, List.of(CLIENT_CERT.fingerprint()),
                (b, o, l) -> ends[0].receive(b, o, l), executor, server, 1200, Duration.ofSeconds(10));
        ends[1].start();
        ends[0].start();
        client.keys.get(10, TimeUnit.SECONDS);
        server.keys.get(10, TimeUnit.SECONDS);
        byte[] secondFlight = fromClient.stream().filter(d -> d.length > 13 && d[0] == 22 && d[13] == 11)
                .findFirst().orElseThrow(); // the datagram that starts with the client's Certificate
        assertThat(recordCount(secondFlight)).isEqualTo(5);
        for (DtlsEndpoint e : ends) {
            e.close();
        }
    }

    private static int recordCount(byte[] datagram) {
        int n = 0;
        for (int i = 0; i + 13 <= datagram.length; n++) {
            i += 13 + ((datagram[i + 11] & 0xff) << 8 | (datagram[i + 12] & 0xff));
        }
        return n;
    }

    @Test
    void fingerprintMismatchFailsWithAClearReason() throws Exception {
        Result client = new Result();
        Result server = new Result();
        Fingerprint wrong = CertificateFingerprints.of(new byte[] {1, 2, 3}, "sha-256");
        DtlsEndpoint[] ends = pair(client, server, List.of(wrong), List.of(CLIENT_CERT.fingerprint()));
        ends[1].start();
        ends[0].start();
        assertThat(client.keys).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("DTLS certificate fingerprint mismatch");
        for (DtlsEndpoint e : ends) {
            e.close();
        }
    }

    static byte[] rtp(int seq, int ssrc) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[1] = 111;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
        for (int i = 12; i < p.length; i++) {
            p[i] = (byte) i;
        }
        return p;
    }
}

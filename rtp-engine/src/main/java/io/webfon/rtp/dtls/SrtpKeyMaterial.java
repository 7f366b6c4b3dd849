package io.webfon.rtp.dtls;

import java.util.Arrays;

/**
 * The SRTP master keys and salts a DTLS handshake produced (RFC 5764 §4.2): the exported material is
 * client key | server key | client salt | server salt, and which half is "local" depends on the DTLS role.
 */
public record SrtpKeyMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey,
        byte[] remoteSalt) {

    /** Splits exported keying material for the endpoint that played {@code role}. */
    public static SrtpKeyMaterial split(SrtpProfile profile, byte[] material, DtlsRole role) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != profile.keyingMaterialLength()) {
            throw new IllegalArgumentException("keying material is " + material.length + " bytes, expected "
                    + profile.keyingMaterialLength());
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        return role == DtlsRole.CLIENT
                ? new SrtpKeyMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeyMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    @Override
    public String toString() {
        // Keys never reach a log line.
        return "SrtpKeyMaterial[" + profile + "]";
    }
}

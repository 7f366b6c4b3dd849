package io.webfon.sercen.totp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The otpauth:// URI (Key URI Format) and its QR code, decoded back with ZXing's reader. */
class OtpAuthTest {
    @Test
    void uriCarriesIssuerAccountBase32SecretAndTheRfc6238Parameters() {
        String uri = OtpAuth.uri("Webfon Test", "jdoe@example.org", "12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(uri).isEqualTo("otpauth://totp/Webfon%20Test:jdoe%40example.org?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Webfon%20Test&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void qrPngDecodesBackToTheUri() throws Exception {
        String uri = OtpAuth.uri("Webfon", "jdoe", new byte[20]);
        byte[] png = OtpAuth.qrPng(uri, 4);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)))).getText();
        assertThat(decoded).isEqualTo(uri);
    }
}

package io.gewebot.host.login;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A login QR code drawn from GeWe's {@code qrData}: in block characters for the terminal, and as a PNG.
 * Drawn here rather than taken from GeWe's own picture, whose format varies between GeWe versions.
 */
final class QrCodes {

    /** The PNG's name in the data folder. */
    static final String PNG_NAME = "login-qr.png";

    /** The quiet zone around the code, in modules: the four the QR standard asks for. */
    private static final int QUIET_ZONE = 4;
    private static final int PNG_PIXELS_PER_MODULE = 8;

    private final BitMatrix modules;

    private QrCodes(BitMatrix modules) {
        this.modules = modules;
    }

    /**
     * @param text what the code holds
     * @return its QR code
     * @throws IllegalArgumentException when the text cannot be encoded
     */
    static QrCodes of(String text) {
        try {
            // Width and height 0: one matrix cell per module, quiet zone included.
            return new QrCodes(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, QUIET_ZONE,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, "UTF-8")));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code of this text", e);
        }
    }

    /**
     * The code in half-block characters, two modules to a character cell top to bottom, which keeps the
     * modules square on a terminal. Light modules (and the quiet zone) are drawn and dark ones left
     * blank, which reads right on the dark background most terminals have; on a light one the code
     * shows inverted, and {@code login-qr.png} is the way out.
     *
     * @return the lines, each ending with a newline
     */
    String blocks() {
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < modules.getHeight(); y += 2) {
            for (int x = 0; x < modules.getWidth(); x++) {
                boolean top = !modules.get(x, y);
                boolean bottom = y + 1 < modules.getHeight() && !modules.get(x, y + 1);
                out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Writes the code as a PNG, dark on light; the file is replaced whole.
     *
     * @param file where
     * @throws IOException when it cannot be written
     */
    void writePng(Path file) throws IOException {
        int scale = PNG_PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(modules.getWidth() * scale, modules.getHeight() * scale,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, modules.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + "-", ".tmp");
        try {
            if (!ImageIO.write(image, "png", temporary.toFile())) {
                throw new IOException("no PNG writer in this Java");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

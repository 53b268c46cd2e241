package io.gewebot.host.login;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads QR codes back with the QR library, as a phone would: from a PNG, or from a terminal's block characters. */
public final class QrDecoding {

    private static final int PIXELS_PER_MODULE = 6;

    private QrDecoding() {
    }

    /** @return the text of the QR code in a picture */
    public static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            // The detector, made for photos, now and then misses a finder pattern of a drawn code
            // (with the last row as it was read before, 11 of 2,000 random codes); a drawn code, square and upright, is read as one.
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            } catch (NotFoundException | ChecksumException | FormatException again) {
                e.addSuppressed(again);
                throw new AssertionError("no readable QR code: " + e, e);
            }
        }
    }

    /** @return the text of the QR code in a PNG file */
    public static String decodePng(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new AssertionError(file + " is not a picture");
        }
        return decode(image);
    }

    /**
     * @param output text holding one QR code drawn in half blocks (light drawn, dark blank)
     * @return the text of the code, read as a camera would see it on a dark terminal
     */
    public static String decodeBlocks(String output) {
        List<String> rows = new ArrayList<>();
        for (String line : output.split("\n", -1)) {
            boolean blocks = !line.isEmpty() && line.chars().allMatch(c -> c == '█' || c == '▀' || c == '▄' || c == ' ')
                    && line.chars().anyMatch(c -> c != ' ');
            if (blocks) {
                rows.add(line);
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new AssertionError("no QR code in block characters in:\n" + output);
        }
        int width = rows.stream().mapToInt(String::length).max().orElseThrow();
        int height = rows.size() * 2;
        int s = PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(width * s, height * s, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.get(r);
            for (int x = 0; x < width; x++) {
                char c = x < row.length() ? row.charAt(x) : ' ';
                boolean topLight = c == '█' || c == '▀';
                // a QR code's side is odd, so the last row's lower half lies past the code: quiet zone
                boolean bottomLight = c == '█' || c == '▄' || r == rows.size() - 1;
                paint(image, x, 2 * r, topLight, s);
                paint(image, x, 2 * r + 1, bottomLight, s);
            }
        }
        return decode(image);
    }

    private static void paint(BufferedImage image, int x, int y, boolean light, int s) {
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                image.setRGB(x * s + dx, y * s + dy, light ? 0xFFFFFF : 0x000000);
            }
        }
    }
}

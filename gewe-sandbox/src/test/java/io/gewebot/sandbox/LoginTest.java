package io.gewebot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoginTest {

    private final GeweSandbox sandbox = GeweSandbox.start();
    private final GeweClient client = new GeweClient(sandbox);

    @AfterEach
    void close() {
        sandbox.close();
    }

    private JsonNode newDeviceQrCode() {
        return GeweClient.envelope(client.post("/login/getLoginQrCode", "{\"appId\":\"\"}", sandbox.token()));
    }

    private JsonNode check(String uuid) {
        return client.call("/login/checkLogin", "uuid", uuid).path("data");
    }

    @Test
    void aNewDeviceGetsTheSandboxesAppIdAndAQrCodeWhosePngHoldsItsQrData() throws Exception {
        JsonNode envelope = newDeviceQrCode();

        assertThat(envelope.path("ret").asInt()).isEqualTo(200);
        JsonNode data = envelope.path("data");
        String uuid = data.path("uuid").asText();
        assertThat(data.path("appId").asText()).isEqualTo(sandbox.appId());
        assertThat(data.path("qrData").asText()).isEqualTo("http://weixin.qq.com/x/" + uuid);
        assertThat(sandbox.latestLoginQrData()).contains(data.path("qrData").asText());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data.path("qrImgBase64").asText())));
        int[] pixels = png.getRGB(0, 0, png.getWidth(), png.getHeight(), null, 0, png.getWidth());
        // The code is drawn, square and upright: read as one. The detector made for photos misses a finder
        // pattern of about 1.5 % of drawn codes (30 of 2,000 random ones).
        String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(png.getWidth(), png.getHeight(), pixels))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        assertThat(decoded).isEqualTo(data.path("qrData").asText());
    }

    @Test
    void theSavedAppIdLogsTheSameDeviceInAndAForeignOneIsRefused() {
        assertThat(client.call("/login/getLoginQrCode").path("data").path("appId").asText()).isEqualTo(sandbox.appId());

        JsonNode foreign = GeweClient.envelope(client.post("/login/getLoginQrCode", "{\"appId\":\"wx_other\"}",
                sandbox.token()));
        assertThat(foreign.path("ret").asInt()).isEqualTo(500);
        assertThat(foreign.path("msg").asText()).isEqualTo("appId 不可用或已过期");
    }

    @Test
    void aScannedCodeSaysScannedOnceThenLoggedInWithTheAccountsWxidAndPutsItOnline() {
        sandbox.setOnline(false);
        String uuid = newDeviceQrCode().path("data").path("uuid").asText();

        JsonNode waiting = check(uuid);
        assertThat(waiting.path("status").asInt()).isZero();
        assertThat(waiting.path("expiredTime").asLong()).isBetween(140L, 150L);
        assertThat(waiting.path("loginInfo").isNull()).isTrue();
        assertThat(check(uuid).path("status").asInt()).isZero();

        sandbox.scanLoginQrCode();
        JsonNode scanned = check(uuid);
        assertThat(scanned.path("status").asInt()).isEqualTo(1);
        assertThat(scanned.path("nickName").asText()).isEqualTo(GeweSandbox.ACCOUNT_NICKNAME);
        assertThat(sandbox.isOnline()).isFalse();

        JsonNode in = check(uuid);
        assertThat(in.path("status").asInt()).isEqualTo(2);
        assertThat(in.path("loginInfo").path("wxid").asText()).isEqualTo(sandbox.accountWxid());
        assertThat(sandbox.isOnline()).isTrue();
        assertThat(client.call("/login/checkOnline").path("data").asBoolean()).isTrue();
    }

    @Test
    void aCodeScansItselfAfterTheConfiguredPolls() {
        sandbox.scanLoginQrCodeAfterPolls(2);
        String uuid = newDeviceQrCode().path("data").path("uuid").asText();

        assertThat(check(uuid).path("status").asInt()).isZero();
        assertThat(check(uuid).path("status").asInt()).isZero();
        assertThat(check(uuid).path("status").asInt()).isEqualTo(1);
        assertThat(check(uuid).path("status").asInt()).isEqualTo(2);
    }

    @Test
    void anExpiredCodeAnswersZeroSecondsLeftAndIsNeverScanned() {
        sandbox.setLoginQrCodeLifetime(Duration.ofMillis(300));
        sandbox.setOnline(false);
        String uuid = newDeviceQrCode().path("data").path("uuid").asText();

        await().atMost(Duration.ofSeconds(5)).until(() -> check(uuid).path("expiredTime").asLong() == 0);
        sandbox.scanLoginQrCode();
        JsonNode expired = check(uuid);
        assertThat(expired.path("status").asInt()).isZero();
        assertThat(expired.path("expiredTime").asLong()).isZero();
        assertThat(sandbox.isOnline()).isFalse();
    }

    @Test
    void anUnknownUuidAndAnUnknownLoginTypeAreRefused() {
        assertThat(client.call("/login/checkLogin", "uuid", "nope").path("msg").asText()).isEqualTo("uuid 不存在");
        JsonNode badType = client.call("/login/getLoginQrCode", "type", "android");
        assertThat(badType.path("ret").asInt()).isEqualTo(500);
        assertThat(client.call("/login/getLoginQrCode", "type", "ipad", "regionId", "320000").path("ret").asInt())
                .isEqualTo(200);
    }
}

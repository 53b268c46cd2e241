package io.gewebot.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseMaskTest {

    @Test
    void aPasswordParameterInADriversMessageIsMasked() {
        assertThat(Database.maskPasswordParameters(
                "cannot connect to jdbc:postgresql://db:5432/bot?user=bot&password=s3cret&ssl=true"))
                .isEqualTo("cannot connect to jdbc:postgresql://db:5432/bot?user=bot&password=***&ssl=true");
        assertThat(Database.maskPasswordParameters("jdbc:postgresql://db/bot?PASSWORD=s3cret"))
                .isEqualTo("jdbc:postgresql://db/bot?PASSWORD=***").doesNotContain("s3cret");
        assertThat(Database.maskPasswordParameters("no password here")).isEqualTo("no password here");
    }
}

package io.gewebot.commands.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gewebot.api.Person;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LookupCacheTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void aLookupIsReusedForTheSameTextWhileItIsYoungerThanTheReuseTime() {
        LookupCache cache = new LookupCache();
        Identity identity = new Identity(Person.asTyped("Demo_Alias"), T0);
        cache.put("Demo_Alias", identity);

        assertThat(cache.get(" demo_alias ", T0.plus(LookupCache.REUSE).minusMillis(1))).contains(identity);
        assertThat(cache.get("demo_alias", T0.plus(LookupCache.REUSE))).isEmpty();
        assertThat(cache.get("wxid_demo_alias", T0)).isEmpty();
    }
}

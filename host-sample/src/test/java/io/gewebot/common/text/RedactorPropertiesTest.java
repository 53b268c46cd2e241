package io.gewebot.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Redactor} masks secrets where they stand as words, never letters inside other words. */
class RedactorPropertiesTest {

    @Example
    void aOneLetterTokenLeavesTheLettersOfOtherWordsAlone() {
        Redactor redactor = new Redactor(List.of("t"));

        assertThat(redactor.redact("Connection refused: connect timed out")).isEqualTo("Connection refused: connect timed out");
        assertThat(redactor.redact("token=t, X-GEWE-TOKEN: t")).isEqualTo("token=***, X-GEWE-TOKEN: ***");
        assertThat(redactor.redact("t")).isEqualTo("***");
    }

    @Example
    void aShortSecretStandingAloneIsMaskedWhereverItStands() {
        Redactor redactor = new Redactor(List.of("ab"));

        assertThat(redactor.redact("\"ab\" (ab) ab/ab ab")).isEqualTo("\"***\" (***) ***/*** ***");
        assertThat(redactor.redact("about cab abab ab_c")).isEqualTo("about cab abab ab_c");
    }

    @Example
    void aLongSecretIsMaskedEvenGluedToAWord() {
        Redactor redactor = new Redactor(List.of("tok-0123456789"));

        assertThat(redactor.redact("Bearertok-0123456789x")).isEqualTo("Bearer***x");
    }

    @Example
    void aSecretHoldingAnotherIsMaskedWhole() {
        Redactor redactor = new Redactor(List.of("ab", "ab-cd"));

        assertThat(redactor.redact("key ab-cd")).isEqualTo("key ***");
    }

    @Provide
    Arbitrary<String> shortSecrets() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1)
                .ofMaxLength(Redactor.ANYWHERE_LENGTH - 1);
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('_', '好').ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(" ", ": ", "=", "\"", "(", ")", "/", ",", "，", "-", "\n");
    }

    /** A secret glued on both sides to letters is part of another word, and stays. */
    @Property
    void aShortSecretInsideAWordIsNeverMasked(@ForAll("shortSecrets") String secret, @ForAll("words") String before,
            @ForAll("words") String after) {
        String word = before + secret + after;
        String text = "failed: " + word + " refused";

        assertThat(new Redactor(List.of(secret)).redact(text)).contains(word);
    }

    /** Between any separators, or at either end, a secret of any length is masked. */
    @Property
    void aSecretStandingAloneIsAlwaysMasked(@ForAll("shortSecrets") String secret, @ForAll("separators") String left,
            @ForAll("separators") String right, @ForAll("words") String other) {
        String text = secret + left + other.replace(secret, "") + right + secret;
        String masked = new Redactor(List.of(secret)).redact(text);

        assertThat(masked).startsWith("***" + left).endsWith(right + "***");
    }

    /** Whatever the text, the output never shows a long secret, and a short one never as a word. */
    @Property
    void noSecretSurvivesAsAWord(@ForAll("shortSecrets") String secret, @ForAll("words") String a,
            @ForAll("separators") String s1, @ForAll("words") String b, @ForAll("separators") String s2) {
        String text = a + s1 + secret + s2 + b + s1 + secret;
        String masked = new Redactor(List.of(secret)).redact(text);

        assertThat(masked.split("[^\\p{L}\\p{N}_]+")).doesNotContain(secret);
    }
}

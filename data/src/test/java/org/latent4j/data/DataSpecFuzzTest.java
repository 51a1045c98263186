package org.latent4j.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link DataSpec#parse}: a data spec string is parsed into a spec or refused with an
 * {@link IllegalArgumentException} whose message quotes the spec; nothing else, and no allocation that
 * grows with a number in the string (e.g. a column range 0-2147483647). The input is the spec in UTF-8,
 * so that the seed corpus is plain text.
 */
class DataSpecFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void parse(byte[] input) {
        String spec = new String(input, StandardCharsets.UTF_8);
        for (Fallback fallback : Fallback.values()) {
            try {
                DataSpec s = DataSpec.parse(spec, fallback);
                if (s == null) {
                    throw new AssertionError("null spec for " + spec);
                }
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("refusal without a message", e);
                }
            }
        }
    }
}

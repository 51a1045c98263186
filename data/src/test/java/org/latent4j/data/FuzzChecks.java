package org.latent4j.data;

/** What every fuzz target of this module asks of a refusal: a message that names the source. */
final class FuzzChecks {
    private FuzzChecks() {}

    static void message(Exception e, String source) {
        if (e.getMessage() == null || !e.getMessage().contains(source)) {
            throw new AssertionError("the message does not name " + source + ": " + e.getMessage(), e);
        }
    }
}

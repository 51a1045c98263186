package org.latent4j.data;

import java.io.IOException;

/**
 * Data that cannot be read as what it claims to be. The message names the source (file or resource),
 * where in it (record, line, column) and the offending value.
 */
public class BadDataException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;

    public BadDataException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public BadDataException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file or resource at fault. */
    public String source() {
        return source;
    }
}

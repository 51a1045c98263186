package org.latent4j.data;

import java.io.IOException;

/** A named data set that is not on this machine and could not be downloaded; the message says how to provide it. */
public class DataNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

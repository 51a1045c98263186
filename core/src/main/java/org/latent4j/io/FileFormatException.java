package org.latent4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that exists but whose content is not what its format requires; the message names the file. */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public FileFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public FileFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}

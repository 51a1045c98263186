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

    /**
     * The complaint of a reader about {@code file}, as this exception: the message is the complaint without
     * a leading "{@code file: }" (which this exception adds itself), so the file is named once.
     */
    public static FileFormatException of(Path file, Exception complaint) {
        String m = complaint.getMessage() == null ? complaint.getClass().getSimpleName() : complaint.getMessage();
        String prefix = file + ": ";
        while (m.startsWith(prefix)) {
            m = m.substring(prefix.length());
        }
        return new FileFormatException(file, m, complaint);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}

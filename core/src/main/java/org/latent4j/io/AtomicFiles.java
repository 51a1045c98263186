package org.latent4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes files and directories so that a crash never leaves a half-written one behind: the content
 * goes to a temporary sibling first, is flushed to the disk, and only then is renamed over the target.
 * A rename inside one folder is atomic on POSIX file systems, so readers see either the old file or
 * the complete new one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Fills a stream; used by {@link #writeStream} for content too large to build in memory first. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Builds the content of a directory inside the temporary folder it is given. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path tempDir) throws IOException;
    }

    /** Writes bytes to a temporary file next to target, fsyncs, then atomically renames over target. */
    public static void write(Path target, byte[] bytes) throws IOException {
        writeStream(target, out -> out.write(bytes));
    }

    /** {@link #write(Path, byte[])} for UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Streams content into a temporary file next to target, fsyncs, then atomically renames it over
     * target. If the writer fails, the temporary file is removed and target is left as it was.
     */
    public static void writeStream(Path target, StreamWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "is a directory, cannot write a file there");
        }
        Path tmp = createSibling(dir, "." + abs.getFileName() + ".tmp-", false);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            move(tmp, abs);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /**
     * Builds a whole directory atomically: the writer fills a fresh temporary sibling directory, which
     * then replaces target. An existing target is first renamed aside and is deleted only once the new
     * directory is in place, so at every moment the complete old or the complete new directory exists.
     * If the writer fails, the temporary directory is removed and target is untouched.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(abs.toString(), null, "exists and is not a directory");
        }
        Path tmp = createSibling(parent, "." + abs.getFileName() + ".tmp-", true);
        boolean done = false;
        try {
            writer.write(tmp);
            syncTree(tmp);
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                Path old = createSibling(parent, "." + abs.getFileName() + ".old-", true);
                Files.delete(old); // only the unique name is wanted; the rename below needs it free
                move(abs, old);
                try {
                    move(tmp, abs);
                } catch (IOException e) {
                    move(old, abs);
                    throw e;
                }
                done = true;
                deleteTree(old);
            } else {
                move(tmp, abs);
                done = true;
            }
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
        syncDirectory(parent);
    }

    /** Deletes a file or a directory with everything inside it; does nothing if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A new, uniquely named file or folder. Unlike Files.createTempFile it keeps the usual permissions
     * (the umask), since it becomes the final file.
     */
    private static Path createSibling(Path dir, String prefix, boolean directory) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
            try {
                return directory ? Files.createDirectory(p) : Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncTree(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    syncTree(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
            }
        }
        syncDirectory(dir);
    }

    /** Makes a rename durable on POSIX systems; elsewhere a directory cannot be opened, which is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform; the rename itself is still atomic.
        }
    }
}

package org.latent4j.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The operating-system lock a command holds on {@value #FILE} in a folder while it writes there
 * ({@link FileChannel#tryLock()}): a second run finds it taken and stops instead of mixing its files with the
 * first's. The lock dies with the process, so the file a crashed run left blocks nobody.
 */
final class FolderLock implements AutoCloseable {
    /** The lock file (empty). */
    static final String FILE = ".latent4j.lock";

    private final Path file;
    private final boolean existed;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private FolderLock(Path file, boolean existed, FileChannel channel, FileLock lock) {
        this.file = file;
        this.existed = existed;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}, failing with the folder's name and {@code advice} when another run (or
     * this process) holds it.
     */
    static FolderLock take(Path dir, String advice) throws IOException {
        Path file = dir.resolve(FILE);
        boolean existed = Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;    // this JVM holds it already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new FileSystemException(dir.toString(), null, "another latent4j run is writing into this folder (it holds "
                    + file + "); " + advice);
        }
        return new FolderLock(file, existed, channel, lock);
    }

    /**
     * Releases the lock; with {@code removeFile}, first deletes the lock file, when it was this run that
     * created it (to leave a folder as it was). Otherwise the file stays: deleting it would let a run that
     * opened it just before lock a file no longer in the folder while a third locks a new one.
     */
    void release(boolean removeFile) throws IOException {
        if (released) {
            return;
        }
        released = true;
        try {
            if (removeFile && !existed) {
                Files.deleteIfExists(file);
            }
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        release(false);
    }
}

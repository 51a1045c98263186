package org.latent4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void writesAndReplacesFiles() throws IOException {
        Path f = dir.resolve("sub/a.txt");
        AtomicFiles.writeString(f, "one");
        assertEquals("one", Files.readString(f));
        AtomicFiles.write(f, new byte[] {'t', 'w', 'o'});
        assertEquals("two", Files.readString(f));
        assertEquals(List.of(f), list(f.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        IOException boom = new IOException("boom");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeStream(f, out -> {
            out.write(new byte[100_000]);
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), list(dir));
    }

    @Test
    void buildsAndReplacesDirectories() throws IOException {
        Path target = dir.resolve("model");
        AtomicFiles.writeDirectory(target, tmp -> {
            Files.writeString(tmp.resolve("a"), "1");
            Files.createDirectories(tmp.resolve("nested"));
            Files.writeString(tmp.resolve("nested/b"), "2");
        });
        assertEquals("2", Files.readString(target.resolve("nested/b")));
        AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("c"), "3"));
        assertEquals(List.of(target.resolve("c")), list(target));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void aFailingDirectoryWriterLeavesTheOldDirectoryAndNoTemporary() throws IOException {
        Path target = dir.resolve("model");
        AtomicFiles.writeDirectory(target, tmp -> Files.writeString(tmp.resolve("a"), "1"));
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(target, tmp -> {
            Files.writeString(tmp.resolve("half"), "x");
            throw new IOException("crash");
        }));
        assertEquals("1", Files.readString(target.resolve("a")));
        assertFalse(Files.exists(target.resolve("half")));
        assertEquals(List.of(target), list(dir));
    }

    @Test
    void refusesToReplaceAFileByADirectoryOrTheReverse() throws IOException {
        Path f = dir.resolve("f");
        Files.writeString(f, "x");
        assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(f, tmp -> {}));
        Path d = Files.createDirectory(dir.resolve("d"));
        assertThrows(IOException.class, () -> AtomicFiles.writeString(d, "x"));
        assertTrue(Files.isDirectory(d));
        assertEquals(List.of(d, f), list(dir));
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}

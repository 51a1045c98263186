package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPackagesTest {
    @TempDir Path dir;

    private static CatalogueEntry entry(List<String> dirs, String pkg) {
        return new CatalogueEntry("x", "test", null, dirs, pkg, null, null);
    }

    @Test
    void knownFolderThatExistsIsUsedWithoutAskingDpkg() {
        assertEquals(List.of(dir), SystemPackages.dirs(entry(List.of(dir.toString(), "/no/such/folder"), "no-such-package-latent4j")));
    }

    @Test
    void nothingWhenNeitherTheFolderNorThePackageExists() {
        assertEquals(List.of(), SystemPackages.dirs(entry(List.of("/no/such/folder"), null)));
        assertEquals(List.of(), SystemPackages.dirs(entry(List.of("/no/such/folder"), "no-such-package-latent4j")));
    }

    @Test
    void dpkgFindsTheDebianPackageWhenTheKnownFolderIsWrong() {
        Path debian = Path.of(CatalogueEntry.DEBIAN_FASHION_MNIST_DIR);
        assumeTrue(Files.isDirectory(debian), "needs Debian's dataset-fashion-mnist package");
        assertEquals(List.of(debian), SystemPackages.dirs(entry(List.of("/no/such/folder"), "dataset-fashion-mnist")));
    }
}

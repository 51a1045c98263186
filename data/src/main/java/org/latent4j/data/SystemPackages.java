package org.latent4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds the folders where a system (Debian) package installed a data set's files. */
final class SystemPackages {
    private SystemPackages() {}

    /**
     * The entry's known folders that exist; if none does and a package is named, the folders
     * {@code dpkg -L PACKAGE} lists IDX image files in (empty when dpkg is absent or the package is not installed).
     */
    static List<Path> dirs(CatalogueEntry e) {
        List<Path> found = new ArrayList<>();
        for (String d : e.systemDirs()) {
            if (Files.isDirectory(Path.of(d))) {
                found.add(Path.of(d));
            }
        }
        if (found.isEmpty() && e.systemPackage() != null) {
            for (String line : dpkgList(e.systemPackage())) {
                if (line.endsWith("-images-idx3-ubyte.gz") || line.endsWith("-images-idx3-ubyte")) {
                    Path dir = Path.of(line).getParent();
                    if (!found.contains(dir)) {
                        found.add(dir);
                    }
                }
            }
        }
        return found;
    }

    private static List<String> dpkgList(String pkg) {
        try {
            Process p = new ProcessBuilder("dpkg", "-L", pkg).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return List.of();
            }
            return out.lines().map(String::strip).toList();
        } catch (IOException e) {
            return List.of(); // no dpkg on this system
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}

package org.latent4j.models.vae;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.latent4j.io.ModelFiles;
import org.latent4j.models.ModelFolderFuzz;

/**
 * Fuzzes {@link VaeFiles#load} (and {@link ModelFiles#read} under it) through a model folder's
 * config.json and metadata.json ({@link ModelFolderFuzz}): it returns a VAE or throws an
 * {@link IOException} naming the file; nothing else, and it builds no network larger than the weights
 * file holds (config.json cannot make it allocate a 10^9-unit layer).
 */
class VaeFilesFuzzTest {
    private static final Path DIR = ModelFolderFuzz.tempDir("latent4j-fuzz-vae").resolve("m");
    private static final byte[] METADATA = save();

    @FuzzTest(maxDuration = "10s")
    void load(byte[] input) throws IOException {
        ModelFolderFuzz.write(DIR, input, METADATA);
        try {
            VaeFiles.Loaded loaded = VaeFiles.load(DIR);
            if (loaded.vae() == null || loaded.metadata() == null) {
                throw new AssertionError("incomplete model");
            }
        } catch (IOException e) {
            ModelFolderFuzz.checkMessage(e, DIR);
        }
    }

    private static byte[] save() {
        try {
            VaeFiles.save(VaeFilesTest.model(), DIR, null);
            ModelFolderFuzz.deleteOnExit(DIR);
            return Files.readAllBytes(DIR.resolve(ModelFiles.METADATA));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

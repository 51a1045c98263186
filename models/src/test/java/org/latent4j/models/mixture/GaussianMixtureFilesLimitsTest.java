package org.latent4j.models.mixture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latent4j.io.FileFormatException;
import org.latent4j.io.ModelFiles;

/** A finding of GaussianMixtureFilesFuzzTest: a fitting setting config.json gets wrong is named with the file. */
class GaussianMixtureFilesLimitsTest {
    @Test
    void aNegativeToleranceIsAFormatErrorOfConfigJson(@TempDir Path dir) throws IOException {
        GaussianMixture g = new GaussianMixture(GaussianMixtureConfig.builder().k(2).build())
                .fit(MixtureFixtures.sample(MixtureFixtures.threeComponents(org.latent4j.models.gaussian.CovarianceType.FULL), 100, 1), 3);
        Path m = dir.resolve("m");
        GaussianMixtureFiles.save(m, g, null, null);
        Path config = m.resolve(ModelFiles.CONFIG);
        String saved = Files.readString(config);
        for (String[] change : new String[][] {{"\"tol\" : ", "\"tol\" : -1"}, {"\"reg_covar\" : ", "\"reg_covar\" : -1"}}) {
            String bad = saved.replaceFirst(java.util.regex.Pattern.quote(change[0]) + "[^,\\n]*", change[1]);
            Files.writeString(config, bad);
            var e = assertThrows(FileFormatException.class, () -> GaussianMixtureFiles.load(m), bad);
            assertTrue(e.getMessage().startsWith(config.toString()) && e.getMessage().contains("got -1"), e.getMessage());
        }
    }
}

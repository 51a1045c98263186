package org.latent4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Data from Java" example, kept working (with a catalogue that never downloads). */
class ReadmeDataExampleTest {
    @TempDir Path dir;

    @Test
    void dataFromJava() throws IOException {
        Catalogue catalogue = new Catalogue(Catalogue.Config.builder(dir.resolve("cache")).build());
        Splits fm = catalogue.loadSplits("fashion-mnist", Fallback.SUBSET);
        Dataset train = fm.train();
        train.requireUnitInterval("the Bernoulli likelihood");
        Dataset first = train.first(1000);
        assertEquals(1000, first.rows());
        assertEquals(784, first.cols());

        Path faithful = Files.writeString(dir.resolve("faithful.csv"),
                "\"\",\"eruptions\",\"waiting\"\n\"1\",3.6,79\n\"2\",1.8,54\n");
        CsvTable table = CsvReader.read(faithful, CsvOptions.builder().columns("eruptions", "waiting").build());
        assertEquals(3.6, table.get(0, 0));
        assertEquals(54, table.get(1, 1));

        Path iris = Files.writeString(dir.resolve("iris.csv"), "sepal,petal,species\n5.1,1.4,setosa\n6.3,6.0,virginica\n");
        Splits any = DataSpec.parse("csv:" + iris + "?label=species").load(catalogue);
        assertEquals(2, any.train().classCount());
        assertTrue(!any.hasTest());

        for (int i = 0; i < 10; i++) {
            TinyImages.rgb(dir.resolve("pictures/" + (i % 2 == 0 ? "cat" : "dog") + "/" + i + ".png"), 80, 100,
                    new int[80 * 100]);
        }
        Splits pics = ImageFolder.read(dir.resolve("pictures"),
                ImageFolderOptions.builder().channels(3).size(64, 64).testFraction(0.1).seed(1).build());
        int[] chw = pics.train().imageShape();
        assertArrayEquals(new int[] {3, 64, 64}, chw);
        assertEquals(java.util.List.of("cat", "dog"), pics.train().labelNames());
        assertEquals(1, pics.test().rows());
    }
}

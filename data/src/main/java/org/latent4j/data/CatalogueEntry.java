package org.latent4j.data;

import java.util.List;
import java.util.Map;

/**
 * A data set the {@link Catalogue} knows by name: 28x28 grey images in the MNIST file layout
 * ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-...}), or a small
 * table shipped as one CSV resource ({@link #isTable()}: a header, numeric features and a text label
 * column named {@link #TABLE_LABEL}; one training split, no test split).
 *
 * @param name        the catalogue name, e.g. {@code fashion-mnist}
 * @param description one line for listings
 * @param remote      where to download it, or null if it is not downloadable
 * @param systemDirs  folders where a system package installs the files (e.g. Debian's)
 * @param systemPackage the package that installs them there, or null
 * @param resource    classpath folder holding the files when latent4j ships them, or the classpath
 *                    path of a shipped CSV table (ending in {@code .csv}), or null
 * @param subset      the name of a shipped subset to fall back on, or null
 */
public record CatalogueEntry(String name, String description, Remote remote, List<String> systemDirs,
                             String systemPackage, String resource, String subset) {

    /**
     * Fashion-MNIST's canonical address (Zalando Research); the checksums are those its README publishes
     * (also in Debian's copy of it, /usr/share/doc/dataset-fashion-mnist/README.md.gz). They check
     * downloads only: Debian recompressed the .gz files when packaging them, so its files hold the same
     * images under other checksums.
     */
    public static final Remote FASHION_MNIST_REMOTE = new Remote(
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            Map.of("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                   "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                   "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                   "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"));

    /** The MNIST mirror torchvision uses, with the checksums torchvision verifies. */
    public static final Remote MNIST_REMOTE = new Remote(
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            Map.of("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873",
                   "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432",
                   "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3",
                   "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"));

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

    public static final CatalogueEntry FASHION_MNIST = new CatalogueEntry("fashion-mnist",
            "Zalando's 70,000 28x28 grey images of clothes in 10 classes (60,000 train, 10,000 test)",
            FASHION_MNIST_REMOTE, List.of(DEBIAN_FASHION_MNIST_DIR), "dataset-fashion-mnist", null, "fashion-mnist-small");

    public static final CatalogueEntry MNIST = new CatalogueEntry("mnist",
            "LeCun, Cortes and Burges' 70,000 28x28 handwritten digits (60,000 train, 10,000 test)",
            MNIST_REMOTE, List.of(), null, null, null);

    public static final CatalogueEntry FASHION_MNIST_SMALL = new CatalogueEntry("fashion-mnist-small",
            "the first 5,000 training and 1,000 test images of Fashion-MNIST, shipped inside latent4j",
            null, List.of(), null, "/org/latent4j/data/fashion-mnist-small/", null);

    /** Fisher's (1936) iris data: 150 flowers, 4 measurements in cm, 3 species; public domain. */
    public static final CatalogueEntry IRIS = new CatalogueEntry("iris",
            "Fisher's 150 iris flowers: sepal and petal length and width (cm) of 3 species, shipped inside latent4j",
            null, List.of(), null, "/org/latent4j/data/iris/iris.csv", null);

    public static final List<CatalogueEntry> ALL = List.of(FASHION_MNIST, MNIST, FASHION_MNIST_SMALL, IRIS);

    /** The label column of a shipped table. */
    public static final String TABLE_LABEL = "species";

    public CatalogueEntry {
        systemDirs = List.copyOf(systemDirs);
    }

    /** Whether this is a shipped CSV table rather than images. */
    public boolean isTable() {
        return resource != null && resource.endsWith(".csv");
    }

    /** The images file name of a split, e.g. {@code train-images-idx3-ubyte.gz}. */
    public static String imagesFile(Split split) {
        return split.filePrefix() + "-images-idx3-ubyte.gz";
    }

    /** The labels file name of a split, e.g. {@code t10k-labels-idx1-ubyte.gz}. */
    public static String labelsFile(Split split) {
        return split.filePrefix() + "-labels-idx1-ubyte.gz";
    }
}

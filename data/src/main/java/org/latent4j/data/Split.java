package org.latent4j.data;

/** Which part of a data set: the training or the test examples. */
public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    Split(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** The prefix of the split's IDX file names in the MNIST layout: {@code train} or {@code t10k}. */
    public String filePrefix() {
        return filePrefix;
    }

    /** Lower case, as used in dataset names: {@code fashion-mnist/train}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

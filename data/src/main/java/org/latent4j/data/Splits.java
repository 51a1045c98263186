package org.latent4j.data;

/**
 * A training set and, when there is one, a test set.
 *
 * @param train the training examples
 * @param test  the test examples, or null (e.g. a single CSV file)
 */
public record Splits(Dataset train, Dataset test) {
    public Splits {
        if (train == null) {
            throw new IllegalArgumentException("a training set is required");
        }
        if (test != null && test.cols() != train.cols()) {
            throw new IllegalArgumentException("train " + train.name() + " has " + train.cols() + " columns but test "
                    + test.name() + " has " + test.cols());
        }
    }

    public boolean hasTest() {
        return test != null;
    }
}

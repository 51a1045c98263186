package org.latent4j.data;

import java.util.Arrays;
import java.util.List;

/**
 * A table of numbers in memory: {@code rows} examples of {@code cols} features, float32, row-major
 * ({@code x[r * cols + c]}), with optional integer class labels and, for images, their channels, height and
 * width ({@code channels * height * width == cols}). Image pixels are scaled to [0, 1] (byte value / 255);
 * a row holds its image channels-first (CHW, as PyTorch): channel k's pixel (y, x) is column
 * {@code (k * height + y) * width + x}. Grey images have one channel, RGB images three (red, green, blue).
 *
 * <p>The arrays are shared, not copied: treat a dataset as immutable. Build one with
 * {@link #builder(String, float[], int, int)}.
 *
 * @param name        what the data is, e.g. {@code fashion-mnist/train}
 * @param source      where it came from (file, folder, resource), for messages and model metadata
 * @param x           the values, row-major, length {@code rows * cols}
 * @param labels      one class label per row, or null
 * @param labelNames  the class names when the labels were text (label i is labelNames.get(i)), or null
 * @param columnNames the feature names (e.g. from a CSV header), or null
 * @param channels    image channels (1 grey, 3 RGB), or 0 if the rows are not images
 * @param height      image height in pixels, or 0 if the rows are not images
 * @param width       image width in pixels, or 0 if the rows are not images
 */
public record Dataset(String name, String source, float[] x, int rows, int cols, int[] labels,
                      List<String> labelNames, List<String> columnNames, int channels, int height, int width) {

    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name");
        }
        source = source == null ? name : source;
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": negative size " + rows + "x" + cols);
        }
        if (x == null || x.length != (long) rows * cols) {
            throw new IllegalArgumentException(name + ": " + rows + " rows x " + cols + " columns need "
                    + (long) rows * cols + " values, got " + (x == null ? "null" : x.length));
        }
        if (labels != null && labels.length != rows) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + rows + " rows");
        }
        if (columnNames != null && columnNames.size() != cols) {
            throw new IllegalArgumentException(name + ": " + columnNames.size() + " column names for " + cols + " columns");
        }
        boolean image = channels != 0 || height != 0 || width != 0;
        if (channels < 0 || height < 0 || width < 0
                || image && (channels == 0 || height == 0 || width == 0 || (long) channels * height * width != cols)) {
            throw new IllegalArgumentException(name + ": image shape " + channels + "x" + height + "x" + width
                    + " (channels x height x width) does not match " + cols + " columns");
        }
        labelNames = labelNames == null ? null : List.copyOf(labelNames);
        columnNames = columnNames == null ? null : List.copyOf(columnNames);
    }

    /** A dataset without images or of grey images (one channel when height and width are not 0). */
    public Dataset(String name, String source, float[] x, int rows, int cols, int[] labels,
                   List<String> labelNames, List<String> columnNames, int height, int width) {
        this(name, source, x, rows, cols, labels, labelNames, columnNames, height != 0 || width != 0 ? 1 : 0,
                height, width);
    }

    /** Starts a dataset of rows x cols values (row-major). */
    public static Builder builder(String name, float[] x, int rows, int cols) {
        return new Builder(name, x, rows, cols);
    }

    /** The number of examples. */
    public int rowCount() {
        return rows;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public boolean isImage() {
        return height > 0;
    }

    /** The shape of one image, channels-first: {@code [channels, height, width]}; null if the rows are not images. */
    public int[] imageShape() {
        return isImage() ? new int[] {channels, height, width} : null;
    }

    /** 1 + the largest label (0 without labels). */
    public int classCount() {
        if (labelNames != null) {
            return labelNames.size();
        }
        int max = -1;
        if (labels != null) {
            for (int l : labels) {
                max = Math.max(max, l);
            }
        }
        return max + 1;
    }

    /** A copy of row r. */
    public float[] row(int r) {
        checkRow(r);
        return Arrays.copyOfRange(x, r * cols, (r + 1) * cols);
    }

    /** The given rows, in the given order (repeats allowed), with their labels. */
    public Dataset subset(int[] rowIndices) {
        float[] sub = new float[Math.multiplyExact(rowIndices.length, cols)];
        int[] subLabels = labels == null ? null : new int[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            checkRow(r);
            System.arraycopy(x, r * cols, sub, i * cols, cols);
            if (subLabels != null) {
                subLabels[i] = labels[r];
            }
        }
        return new Dataset(name, source, sub, rowIndices.length, cols, subLabels, labelNames, columnNames, channels, height, width);
    }

    /** The first n rows (all of them if n >= rows). */
    public Dataset first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException(name + ": cannot take " + n + " rows");
        }
        if (n >= rows) {
            return this;
        }
        return new Dataset(name, source, Arrays.copyOf(x, n * cols), n, cols,
                labels == null ? null : Arrays.copyOf(labels, n), labelNames, columnNames, channels, height, width);
    }

    /** The same data under another name. */
    public Dataset withName(String newName) {
        return new Dataset(newName, source, x, rows, cols, labels, labelNames, columnNames, channels, height, width);
    }

    /**
     * Checks that every value lies in [0, 1], as the Bernoulli and continuous Bernoulli likelihoods
     * need; otherwise fails naming the dataset, the first bad row and column and its value.
     *
     * @param what who needs it, for the message, e.g. {@code "the Bernoulli likelihood"}
     * @return this dataset
     */
    public Dataset requireUnitInterval(String what) {
        for (int i = 0; i < x.length; i++) {
            float v = x[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(describe(i, v) + "; " + what + " needs every value in [0, 1]"
                        + (v > 1f && v <= 255f ? " (pixel values 0-255 need scaling: divide by 255)" : ""));
            }
        }
        return this;
    }

    /** Checks that no value is NaN or infinite; otherwise fails naming the first bad row and column. */
    public Dataset requireFinite() {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(describe(i, x[i]) + "; values must be finite");
            }
        }
        return this;
    }

    /** The values widened to double, row-major. */
    public double[] toDoubleArray() {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** The values widened to double, one array per row. */
    public double[][] toDoubleRows() {
        double[][] d = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                d[r][c] = x[r * cols + c];
            }
        }
        return d;
    }

    private String describe(int index, float v) {
        int r = index / cols;
        int c = index % cols;
        String col = columnNames != null ? "column " + c + " (" + columnNames.get(c) + ")"
                : isImage() ? "column " + c + " (" + (channels > 1 ? "channel " + c / (height * width) + ", " : "")
                        + "pixel y=" + c % (height * width) / width + ", x=" + c % width + ")"
                : "column " + c;
        String from = source.equals(name) ? "" : " from " + source;
        return "dataset " + name + from + ": row " + r + ", " + col + " has value " + v;
    }

    private void checkRow(int r) {
        if (r < 0 || r >= rows) {
            throw new IndexOutOfBoundsException(name + ": row " + r + " outside 0.." + (rows - 1));
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + rows + "x" + cols
                + (isImage() ? " (" + (channels > 1 ? channels + "x" : "") + height + "x" + width + " images)" : "")
                + (labels != null ? ", " + classCount() + " classes" : "") + ", from " + source + "]";
    }

    /** Builds a {@link Dataset}; name, values and size are required, the rest optional. */
    public static final class Builder {
        private final String name;
        private final float[] x;
        private final int rows;
        private final int cols;
        private String source;
        private int[] labels;
        private List<String> labelNames;
        private List<String> columnNames;
        private int channels;
        private int height;
        private int width;

        private Builder(String name, float[] x, int rows, int cols) {
            this.name = name;
            this.x = x;
            this.rows = rows;
            this.cols = cols;
        }

        public Builder source(String source) { this.source = source; return this; }
        public Builder labels(int[] labels) { this.labels = labels; return this; }
        public Builder labelNames(List<String> names) { this.labelNames = names; return this; }
        public Builder columnNames(List<String> names) { this.columnNames = names; return this; }
        /** Rows are grey images of height x width pixels. */
        public Builder image(int height, int width) { return image(height != 0 || width != 0 ? 1 : 0, height, width); }
        /** Rows are images of channels x height x width values, channels-first. */
        public Builder image(int channels, int height, int width) {
            this.channels = channels;
            this.height = height;
            this.width = width;
            return this;
        }

        public Dataset build() {
            return new Dataset(name, source, x, rows, cols, labels, labelNames, columnNames, channels, height, width);
        }
    }
}

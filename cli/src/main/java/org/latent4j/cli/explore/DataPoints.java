package org.latent4j.cli.explore;

import java.util.List;

/**
 * The rows the page shows: the first {@code rows} of one split of the data, their labels (or null) and the labels'
 * names (or null), with where they come from.
 */
record DataPoints(String name, String source, float[] x, int rows, int cols, int[] labels, List<String> labelNames,
                  int totalRows, int[] imageShape) {
}

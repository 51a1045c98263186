package org.latent4j.data;

/** What {@link Catalogue#load} may do when a full data set is neither found nor downloadable. */
public enum Fallback {
    /** Fail, saying where the files were looked for and how to provide them. */
    NONE,
    /** Use the subset shipped inside latent4j (for fashion-mnist: fashion-mnist-small), with a notice. */
    SUBSET
}

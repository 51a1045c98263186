package org.latent4j.figures.vae;

import java.util.List;
import java.util.Locale;
import org.latent4j.data.Dataset;

/** The names of a labelled data set's classes, for legends. */
public final class ClassNames {
    /** Fashion-MNIST's ten classes in label order (Xiao, Rasul and Vollgraf, 2017). */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames() {}

    /**
     * One name per class of the data: the names the labels were read from (e.g. a CSV's text labels),
     * Fashion-MNIST's clothes for its catalogue names (the full set and the shipped subset), the digits
     * for MNIST, otherwise "class 0", "class 1", ...; null when the data have no labels.
     */
    public static String[] of(Dataset d) {
        if (!d.hasLabels()) {
            return null;
        }
        int k = d.classCount();
        if (d.labelNames() != null && d.labelNames().size() >= k) {
            return d.labelNames().toArray(String[]::new);
        }
        String name = d.name().toLowerCase(Locale.ROOT);
        if (name.startsWith("fashion-mnist") && k <= FASHION_MNIST.size()) {
            return FASHION_MNIST.toArray(String[]::new);
        }
        String[] out = new String[k];
        boolean digits = name.startsWith("mnist");
        for (int c = 0; c < k; c++) {
            out[c] = digits ? "digit " + c : "class " + c;
        }
        return out;
    }
}

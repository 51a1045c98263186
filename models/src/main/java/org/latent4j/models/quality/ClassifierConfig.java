package org.latent4j.models.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.training.JsonFields;

/**
 * The shape and training of the {@link ImageClassifier} whose features the image measures use.
 *
 * @param channels  image channels
 * @param height    image height
 * @param width     image width
 * @param classes   number of classes
 * @param epochs    training epochs (Adam 1e-3, batch 128)
 * @param seed      seed of the initialization and the training
 */
public record ClassifierConfig(int channels, int height, int width, int classes, int epochs, long seed) {
    /** The width of the penultimate layer, the features the measures compare. */
    public static final int FEATURES = 128;

    public ClassifierConfig {
        if (channels < 1 || height < 4 || width < 4) {
            throw new IllegalArgumentException("classifier: images of " + channels + "×" + height + "×" + width
                    + " pixels; expected at least 1 channel and 4×4 pixels (two stride-2 convolutions)");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classifier: expected at least 2 classes, got " + classes);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("classifier: expected at least 1 epoch, got " + epochs);
        }
    }

    /** The classifier for an image data set, with the default training: 3 epochs, seed 1. */
    public static ClassifierConfig forImages(int channels, int height, int width, int classes) {
        return new ClassifierConfig(channels, height, width, classes, 3, 1);
    }

    /** Pixels per image. */
    public int inputDim() {
        return channels * height * width;
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("channels", channels);
        o.put("height", height);
        o.put("width", width);
        o.put("classes", classes);
        o.put("epochs", epochs);
        o.put("seed", seed);
        o.put("features", FEATURES);
        return o;
    }

    /** Reads {@link #toJson()}'s fields; errors name {@code source} and the field. */
    public static ClassifierConfig fromJson(JsonNode node, String source) {
        JsonFields f = new JsonFields(node, source);
        return new ClassifierConfig(f.integer("channels", 1), f.integer("height", 1), f.integer("width", 1),
                f.integer("classes", 2), f.integer("epochs", 1), f.longValue("seed"));
    }
}

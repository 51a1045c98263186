package org.latent4j.models.wgan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.latent4j.io.Json;
import org.latent4j.models.networks.ImageShape;

/**
 * The hyperparameters of a {@link Wgan} (its learned state is apart, in the model's weights). Defaults
 * follow the WGAN-GP paper's toy experiments (Gulrajani et al. 2017, and
 * {@code ../shared/bench/torch_wgan_toy.py}): latent dimension 2, three hidden ReLU layers of width 512
 * in both networks, five critic steps per generator step.
 *
 * @param dataDim     the dimension of a data point (2 for the 2-D mixtures)
 * @param latentDim   the dimension of z ~ N(0, I)
 * @param width       the width of every hidden layer
 * @param hidden      the number of hidden layers of each network
 * @param lipschitz   how the critic is kept 1-Lipschitz
 * @param clipValue   c of weight clipping to [−c, c] (Arjovsky et al.: 0.01)
 * @param gpWeight    λ of the gradient penalty (Gulrajani et al.: 10 for images, 0.1 in their toy experiments)
 * @param criticSteps critic steps per generator step (n_critic, 5 in both papers)
 * @param beta1       Adam's β₁ for gp and sn (0.5 here; the WGAN-GP paper uses 0 or 0.5)
 * @param beta2       Adam's β₂ for gp and sn (0.9)
 * @param emaDecay    the decay d of an exponential moving average of the generator's weights, updated after
 *                    every generator step as ḡ ← d·ḡ + (1 − d)·g and used for sampling (Yazıcı et al. 2019,
 *                    "The Unusual Effectiveness of Averaging in GAN Training"); 0: no average, samples from g
 * @param architecture the networks' layout: {@link Architecture#MLP} ({@code width}, {@code hidden}) or
 *                    {@link Architecture#CONV} ({@code channels}, {@code image}; see {@link ConvWganNetworks})
 * @param channels    the base channel width c of the convolutional networks (critic C → c → 2c); 0 for mlp
 * @param image       the shape of one image, of {@code dataDim} values, for conv; null for mlp
 */
public record WganConfig(int dataDim, int latentDim, int width, int hidden, Lipschitz lipschitz, double clipValue,
                         double gpWeight, int criticSteps, double beta1, double beta2, double emaDecay,
                         Architecture architecture, int channels, ImageShape image) {

    public WganConfig {
        require(dataDim >= 1, "data dimension must be >= 1, got " + dataDim);
        require(latentDim >= 1, "latent dimension must be >= 1, got " + latentDim);
        require(width >= 1, "width must be >= 1, got " + width);
        require(hidden >= 1, "hidden layers must be >= 1, got " + hidden);
        require(lipschitz != null, "a Lipschitz constraint (clip, gp or sn) is required");
        require(clipValue > 0 && Double.isFinite(clipValue), "clip value must be > 0, got " + clipValue);
        require(gpWeight >= 0 && Double.isFinite(gpWeight), "gradient-penalty weight must be >= 0, got " + gpWeight);
        require(criticSteps >= 1, "critic steps must be >= 1, got " + criticSteps);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(emaDecay >= 0 && emaDecay < 1, "the generator average's decay must be in [0, 1) (0: off), got " + emaDecay);
        require(architecture != null, "an architecture (mlp or conv) is required");
        if (architecture == Architecture.CONV) {
            require(channels >= 1, "the convolutional networks' channels must be >= 1, got " + channels);
            require(image != null, "the convolutional networks need the image shape (channels, height, width)");
            require(image.size() == dataDim, "image " + image + " has " + image.size() + " values, but the data have "
                    + dataDim + " columns");
        } else {
            require(channels == 0 && image == null, "channels and an image shape belong to the conv architecture");
        }
    }

    /** The MLP networks' configuration (the form before convolutional networks existed). */
    public WganConfig(int dataDim, int latentDim, int width, int hidden, Lipschitz lipschitz, double clipValue,
                      double gpWeight, int criticSteps, double beta1, double beta2, double emaDecay) {
        this(dataDim, latentDim, width, hidden, lipschitz, clipValue, gpWeight, criticSteps, beta1, beta2, emaDecay,
                Architecture.MLP, 0, null);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("wgan: " + message);
        }
    }

    /** The toy-experiment defaults for data of {@code dataDim} columns under the given constraint. */
    public static WganConfig defaults(int dataDim, Lipschitz lipschitz) {
        return new WganConfig(dataDim, 2, 512, 3, lipschitz, 0.01, 0.1, 5, WganToyDefaults.beta1(lipschitz),
                WganToyDefaults.BETA2, 0);
    }

    public WganConfig withWidth(int w) {
        return new WganConfig(dataDim, latentDim, w, hidden, lipschitz, clipValue, gpWeight, criticSteps, beta1, beta2, emaDecay, architecture, channels, image);
    }

    public WganConfig withGpWeight(double g) {
        return new WganConfig(dataDim, latentDim, width, hidden, lipschitz, clipValue, g, criticSteps, beta1, beta2, emaDecay, architecture, channels, image);
    }

    public WganConfig withCriticSteps(int n) {
        return new WganConfig(dataDim, latentDim, width, hidden, lipschitz, clipValue, gpWeight, n, beta1, beta2, emaDecay, architecture, channels, image);
    }

    public WganConfig withEmaDecay(double d) {
        return new WganConfig(dataDim, latentDim, width, hidden, lipschitz, clipValue, gpWeight, criticSteps, beta1, beta2, d, architecture, channels, image);
    }

    public WganConfig withLatentDim(int d) {
        return new WganConfig(dataDim, d, width, hidden, lipschitz, clipValue, gpWeight, criticSteps, beta1, beta2, emaDecay, architecture, channels, image);
    }

    /**
     * The same settings with the DCGAN-style convolutional networks of base width {@code c} for images of
     * the given shape (whose size must be the data dimension).
     */
    public WganConfig withConv(ImageShape shape, int c) {
        return new WganConfig(dataDim, latentDim, width, hidden, lipschitz, clipValue, gpWeight, criticSteps, beta1, beta2,
                emaDecay, Architecture.CONV, c, shape);
    }

    /** As JSON, for config.json and run records. */
    public ObjectNode toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("data_dim", dataDim);
        o.put("latent_dim", latentDim);
        o.put("width", width);
        o.put("hidden", hidden);
        o.put("lipschitz", lipschitz.cliName());
        o.put("clip_value", clipValue);
        o.put("gp_weight", gpWeight);
        o.put("critic_steps", criticSteps);
        o.put("beta1", beta1);
        o.put("beta2", beta2);
        o.put("ema_decay", emaDecay);
        o.put("architecture", architecture.cliName());
        if (architecture == Architecture.CONV) {
            o.put("channels", channels);
            o.put("image_channels", image.channels());
            o.put("image_height", image.height());
            o.put("image_width", image.width());
        }
        return o;
    }

    /**
     * Reads {@link #toJson()}'s form; a missing or wrong field is named with {@code where}. A file without
     * {@code architecture} (written before the convolutional networks) describes MLPs.
     */
    public static WganConfig fromJson(JsonNode n, String where) {
        WganConfig mlp = new WganConfig(integer(n, "data_dim", where), integer(n, "latent_dim", where), integer(n, "width", where),
                integer(n, "hidden", where), Lipschitz.parse(text(n, "lipschitz", where)), number(n, "clip_value", where),
                number(n, "gp_weight", where), integer(n, "critic_steps", where), number(n, "beta1", where),
                number(n, "beta2", where), number(n, "ema_decay", where));
        Architecture a = n.has("architecture") ? parseArchitecture(text(n, "architecture", where), where) : Architecture.MLP;
        if (a == Architecture.MLP) {
            return mlp;
        }
        ImageShape shape;
        try {
            shape = new ImageShape(integer(n, "image_channels", where), integer(n, "image_height", where),
                    integer(n, "image_width", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage(), e);
        }
        return mlp.withConv(shape, integer(n, "channels", where));
    }

    private static Architecture parseArchitecture(String s, String where) {
        try {
            return Architecture.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": field 'architecture': " + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be an integer, got " + v);
        }
        return v.intValue();
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be text, got " + v);
        }
        return v.textValue();
    }
}

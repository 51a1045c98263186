package org.latent4j.spark.vae;

import java.util.HashMap;
import java.util.Map;
import org.latent4j.io.ArrayData;
import org.latent4j.io.Json;
import org.latent4j.models.vae.Vae;
import org.latent4j.models.vae.VaeConfig;

/**
 * One VAE per executor thread and configuration, reused from task to task: each step only loads the
 * broadcast weights into it, instead of building (and randomly initializing) the network again.
 */
final class Networks {
    private record Cached(Vae vae, Map<String, ArrayData> template) {}

    private static final ThreadLocal<Map<String, Cached>> CACHE = ThreadLocal.withInitial(HashMap::new);

    private Networks() {}

    /** The VAE of this config (JSON) holding the flat state (as {@link Flat} lays out {@code stateArrays()}). */
    static Vae with(String configJson, double[] state) {
        Map<String, Cached> cache = CACHE.get();
        Cached c = cache.get(configJson);
        if (c == null) {
            if (cache.size() > 4) {
                cache.clear();
            }
            VaeConfig config;
            try {
                config = VaeConfig.fromJson(Json.mapper().readTree(configJson), "the broadcast VAE config");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Vae vae = Vae.create(config);
            c = new Cached(vae, vae.stateArrays());
            cache.put(configJson, c);
        }
        c.vae.loadStateArrays(Flat.read(c.template, state, 0));
        return c.vae;
    }
}

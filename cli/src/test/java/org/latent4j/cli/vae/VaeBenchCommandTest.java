package org.latent4j.cli.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.latent4j.models.training.TimeSplit;
import org.latent4j.runtime.LoopTotals;

/** The time split line reads the same in every locale (decimal points, phases joined by hyphens). */
class VaeBenchCommandTest {

    @Test
    void timeSplitLineIsLocaleIndependent() {
        Map<String, Double> phases = new LinkedHashMap<>();
        phases.put("batches", 0.0491);
        phases.put("gradient check", 0.022);
        TimeSplit split = new TimeSplit(phases, new LoopTotals(12, 50_000_000L, 10_000_000L));
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("time split epoch 3: batches 0.049 gradient-check 0.022 s; parallel loops 12: computing 0.050 s,"
                    + " waiting 0.010 s; alone 0.011 s", VaeBenchCommand.describe(3, split));
        } finally {
            Locale.setDefault(before);
        }
    }
}

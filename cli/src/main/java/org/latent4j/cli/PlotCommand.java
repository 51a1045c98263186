package org.latent4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.latent4j.cli.console.Console;
import org.latent4j.io.Json;
import org.latent4j.io.ModelFiles;
import org.latent4j.report.mixture.MixtureRunReport;
import org.latent4j.models.wgan.WganFiles;
import org.latent4j.report.vae.VaeRunReport;
import org.latent4j.report.wgan.WganRunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code latent4j plot DIR}: draws a training run's figures again, DIR/figures/*.png, and its report,
 * DIR/report.html, choosing the figures by the model kind recorded in DIR/model/metadata.json.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = {"Draw a training run's figures and report again: DIR/figures/*.png and DIR/report.html.",
                "The report is one self-contained page with the run's configuration, metrics and figures, each with"
                        + " a caption.",
                "DIR is the output folder of 'latent4j train vae', 'train gmm' or 'train wgan'.",
                "In a folder latent4j wrote, figures and report are replaced; in any other, they are written only where"
                        + " they do not exist yet."},
        footerHeading = "%nExamples:%n",
        footer = {"  latent4j train vae --data fashion-mnist --epochs 10 --out runs/vae --no-plots",
                "  latent4j plot runs/vae      # writes runs/vae/report.html and figures/",
                "  latent4j plot runs/demo/vae-latent2",
                "  latent4j plot runs/gmm",
                "  latent4j plot runs/wgan-ring8"})
final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A training run's output folder (it holds model/).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFolder.requireNonEmpty(spec, "DIR", dir);
        String kind = kind(dir);
        if (!kind.equals("vae") && !kind.equals("gmm") && !kind.equals(WganFiles.KIND)) {
            throw new IllegalArgumentException(dir.resolve("model").resolve(ModelFiles.METADATA)
                    + " holds a '" + kind + "' model; plot draws the runs of: vae, gmm, wgan");
        }
        try (OutputFolder folder = OutputFolder.openRun(spec, "DIR", dir, OutputLayout.PLOT)) {
            if (kind.equals("vae")) {
                VaeRunReport.plot(folder.dir());
            } else if (kind.equals(WganFiles.KIND)) {
                WganRunReport.plot(folder.dir());
            } else {
                MixtureRunReport.plot(folder.dir());
            }
        }
        Console.of(spec).info("wrote %s and %s", dir.resolve("figures"), dir.resolve("report.html"));
        return 0;
    }

    /** The model kind recorded in DIR/model/metadata.json, failing clearly when DIR is not a run folder. */
    static String kind(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, Files.exists(dir) ? "not a folder; expected a training run's output folder"
                    : "no such folder; expected a training run's output folder");
        }
        Path meta = dir.resolve("model").resolve(ModelFiles.METADATA);
        if (!Files.isRegularFile(meta)) {
            throw new NoSuchFileException(meta.toString(), null, dir + " is not a training run folder: it has no model/"
                    + ModelFiles.METADATA + " (expected the output folder of 'latent4j train vae', 'train gmm' or 'train wgan')");
        }
        JsonNode kind = Json.read(meta).get("kind");
        if (kind == null || !kind.isTextual()) {
            throw new IllegalArgumentException(meta + ": missing the model 'kind' (vae, gmm, ...)");
        }
        return kind.textValue();
    }
}

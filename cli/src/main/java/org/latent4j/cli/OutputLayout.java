package org.latent4j.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.latent4j.io.ModelFiles;

/**
 * What a command writes inside its output folder, as paths relative to it (globs, {@code *} within one
 * name): the only files latent4j ever replaces or removes there. A <em>whole folder</em> (a model, a
 * checkpoint) is replaced at once by a rename, so it may hold nothing but the files listed for it; other
 * folders ({@code figures/}) are written file by file, and a file of the user's beside them survives.
 *
 * @param files      the files, e.g. {@code summary.json}, {@code model/config.json}, {@code figures/*}
 * @param wholeDirs  the folders replaced as a whole, e.g. {@code model}
 */
public record OutputLayout(List<String> files, List<String> wholeDirs) {
    /** The files of a model folder ({@link ModelFiles}). */
    private static final String[] MODEL = {ModelFiles.WEIGHTS, ModelFiles.CONFIG, ModelFiles.METADATA};
    /** The files of a training checkpoint (models.training.Checkpoint writes these two). */
    private static final String[] CHECKPOINT = {"state.safetensors", "trainer.json"};
    /**
     * The temporary siblings {@link org.latent4j.io.AtomicFiles} makes while writing {@code NAME}:
     * {@code .NAME.tmp-HEX} (a file or folder being written) and {@code .NAME.old-HEX} (a folder being replaced).
     */
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(?:tmp|old)-[0-9a-f]{1,16}");

    /** A VAE training run: what {@code train vae} writes, and {@code plot} adds. */
    public static final OutputLayout VAE_RUN = of("run.json", "metrics.jsonl", "summary.json", "report.html", "figures/*")
            .withWholeDir("model", MODEL).withWholeDir("checkpoint", CHECKPOINT);
    /** A WGAN training run: what {@code train wgan} writes (its snapshots during training too), and {@code plot} adds. */
    public static final OutputLayout WGAN_RUN = of("run.json", "metrics.jsonl", "summary.json", "report.html", "figures/*",
            "snapshots/step-*.safetensors", "snapshots/real.safetensors")
            .withWholeDir("model", MODEL).withWholeDir("checkpoint", CHECKPOINT);
    /** A mixture training run: what {@code train gmm} writes, and {@code plot} adds. */
    public static final OutputLayout GMM_RUN = of("run.json", "metrics.jsonl", "summary.json", "report.html", "figures/*")
            .withWholeDir("model", MODEL);
    /** What {@code plot} writes into a run folder. */
    public static final OutputLayout PLOT = of("report.html", "figures/*");
    /** What {@code demo} writes: its report and figures, and a VAE run folder per latent size. */
    public static final OutputLayout DEMO = of("run.json", "report.html", "figures/*", "vae-latent*/metrics.jsonl",
            "vae-latent*/summary.json", "vae-latent*/report.html", "vae-latent*/figures/*")
            .withWholeDir("vae-latent*/model", MODEL);
    /** What {@code demo vae} writes. */
    public static final OutputLayout DEMO_VAE = of("samples.png", "reconstructions.png").withWholeDir("model", MODEL);

    /** What {@code sample} and {@code evaluate --quality} add to a VAE run folder: the fitted latent mixtures. */
    public static final OutputLayout LATENT_MIXTURE = new OutputLayout(List.of(), List.of())
            .withWholeDir("latent-gmm-k*", MODEL);

    public OutputLayout {
        files = List.copyOf(files);
        wholeDirs = List.copyOf(wholeDirs);
    }

    /** A layout of these files and no whole folders. */
    static OutputLayout of(String... files) {
        return new OutputLayout(List.of(files), List.of());
    }

    /** This layout plus a folder replaced as a whole, holding these files. */
    OutputLayout withWholeDir(String dir, String... names) {
        List<String> f = new ArrayList<>(files);
        for (String n : names) {
            f.add(dir + "/" + n);
        }
        List<String> w = new ArrayList<>(wholeDirs);
        w.add(dir);
        return new OutputLayout(f, w);
    }

    /** Whether {@code rel} (relative to the output folder) is one of the files this layout writes. */
    boolean isFile(Path rel) {
        return matches(files, rel);
    }

    /** Whether {@code rel} is a folder this layout writes into (a whole folder, or the parent of its files). */
    boolean isDir(Path rel) {
        return matches(wholeDirs, rel) || matches(parents(), rel);
    }

    /** Whether {@code rel} is a folder this layout replaces as a whole. */
    boolean isWholeDir(Path rel) {
        return matches(wholeDirs, rel);
    }

    /**
     * Whether {@code rel} is a temporary left by a write of one of this layout's files or folders (or of
     * another name in {@code extra}, at the top): {@code .NAME.tmp-HEX} or {@code .NAME.old-HEX} next to NAME.
     */
    boolean isTemp(Path rel, Set<String> extra) {
        Matcher m = TEMP.matcher(rel.getFileName().toString());
        if (!m.matches()) {
            return false;
        }
        Path target = rel.resolveSibling(m.group(1));
        return isFile(target) || isWholeDir(target) || (target.getNameCount() == 1 && extra.contains(m.group(1)));
    }

    /** The first names of the layout's paths (globs such as {@code vae-latent*} included). */
    Set<String> topNames() {
        Set<String> top = new LinkedHashSet<>();
        for (String f : files) {
            top.add(f.split("/")[0]);
        }
        return top;
    }

    private List<String> parents() {
        List<String> p = new ArrayList<>();
        for (String f : files) {
            for (int at = f.indexOf('/'); at >= 0; at = f.indexOf('/', at + 1)) {
                p.add(f.substring(0, at));
            }
        }
        return p;
    }

    private static boolean matches(List<String> globs, Path rel) {
        for (String g : globs) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + g);
            if (m.matches(rel)) {
                return true;
            }
        }
        return false;
    }
}

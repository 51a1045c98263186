package org.latent4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Data sets known by name: {@code fashion-mnist}, {@code mnist}, and the shipped {@code fashion-mnist-small}
 * and {@code iris} (a table with one training split).
 *
 * <p>For a full data set the files of the requested split are looked for, in this order, in
 * <ol>
 *   <li>the folder the user sets (system property {@code latent4j.data} or environment variable
 *       {@code LATENT4J_DATA}): {@code DIR/<name>/}, then {@code DIR/};</li>
 *   <li>the user cache, {@code $XDG_CACHE_HOME/latent4j/<name>} (by default {@code ~/.cache/latent4j/<name>});</li>
 *   <li>where a system package installs them (Debian's {@code dataset-fashion-mnist}: {@code /usr/share/datasets/fashion-mnist},
 *       or wherever {@code dpkg -L} says);</li>
 * </ol>
 * and otherwise downloaded into the cache from the data set's canonical address, with the MD5 of each file
 * verified before it is kept. Files may be gzip-compressed ({@code .gz}) or not. Downloads can be switched off
 * ({@code -Dlatent4j.download=false} or {@code LATENT4J_OFFLINE=1}) and the address changed
 * ({@code -Dlatent4j.data.url.<name>=URL}, for a mirror holding the same files).
 */
public final class Catalogue {
    private static final System.Logger LOG = System.getLogger(Catalogue.class.getName());

    private final Config config;
    private final Map<String, List<Path>> systemDirsCache = new ConcurrentHashMap<>();

    /** Where to look and whether to download. */
    public record Config(Path userDir, Path cacheRoot, boolean download, Duration timeout,
                         Map<String, Remote> remotes, Function<CatalogueEntry, List<Path>> systemDirs) {
        public Config {
            remotes = Map.copyOf(remotes);
        }

        /** Nothing set: no user folder, no system folders, no downloads, cache at the given root. */
        public static Builder builder(Path cacheRoot) {
            return new Builder(cacheRoot);
        }

        /** The settings of this process: system properties and environment variables. */
        public static Config standard() {
            return fromEnvironment(System.getenv(), System.getProperties());
        }

        /** The settings the given environment and properties describe (see {@link Catalogue}). */
        public static Config fromEnvironment(Map<String, String> env, Properties props) {
            String dir = props.getProperty("latent4j.data", env.get("LATENT4J_DATA"));
            String xdg = env.get("XDG_CACHE_HOME");
            Path cacheBase = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                    ? Path.of(xdg) : Path.of(props.getProperty("user.home"), ".cache");
            boolean download = !"false".equalsIgnoreCase(props.getProperty("latent4j.download", "true"))
                    && !isSet(env.get("LATENT4J_OFFLINE"));
            Map<String, Remote> remotes = new HashMap<>();
            for (CatalogueEntry e : CatalogueEntry.ALL) {
                String url = props.getProperty("latent4j.data.url." + e.name());
                if (url != null && e.remote() != null) {
                    remotes.put(e.name(), e.remote().withBaseUrl(url));
                }
            }
            return new Config(dir == null || dir.isBlank() ? null : Path.of(dir), cacheBase.resolve("latent4j"),
                    download, Duration.ofSeconds(30), remotes, SystemPackages::dirs);
        }

        private static boolean isSet(String v) {
            return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
        }

        /** Builds a {@link Config}; used by tests and by programs that manage their own folders. */
        public static final class Builder {
            private Path userDir;
            private final Path cacheRoot;
            private boolean download;
            private Duration timeout = Duration.ofSeconds(30);
            private final Map<String, Remote> remotes = new HashMap<>();
            private Function<CatalogueEntry, List<Path>> systemDirs = e -> List.of();

            private Builder(Path cacheRoot) {
                this.cacheRoot = cacheRoot;
            }

            public Builder userDir(Path dir) { this.userDir = dir; return this; }
            public Builder download(boolean on) { this.download = on; return this; }
            public Builder timeout(Duration t) { this.timeout = t; return this; }
            public Builder remote(String name, Remote remote) { remotes.put(name, remote); return this; }
            public Builder systemDirs(Function<CatalogueEntry, List<Path>> f) { this.systemDirs = f; return this; }

            public Config build() {
                return new Config(userDir, cacheRoot, download, timeout, remotes, systemDirs);
            }
        }
    }

    public Catalogue(Config config) {
        this.config = config;
    }

    /** The catalogue as this process is configured (system properties and environment). */
    public static Catalogue standard() {
        return new Catalogue(Config.standard());
    }

    public Config config() {
        return config;
    }

    /** The names this catalogue knows. */
    public static List<String> names() {
        return CatalogueEntry.ALL.stream().map(CatalogueEntry::name).toList();
    }

    /** The entry of a name, or an error listing the known names. */
    public static CatalogueEntry entry(String name) {
        for (CatalogueEntry e : CatalogueEntry.ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + String.join(", ", names()));
    }

    /** One split of a named data set, failing if it cannot be found or downloaded. */
    public Dataset load(String name, Split split) throws IOException {
        return load(name, split, Fallback.NONE);
    }

    /**
     * One split of a named data set. With {@link Fallback#SUBSET}, a full data set that is neither on
     * this machine nor downloadable is replaced by its shipped subset; the dataset's source then says
     * so, and a warning is logged. Damaged files are always an error, never a reason to fall back.
     */
    public Dataset load(String name, Split split, Fallback fallback) throws IOException {
        return loadWithFallback(entry(name), split, fallback).data();
    }

    /** Both splits; if the full training set is not available and fallback allows, both come from the subset. */
    public Splits loadSplits(String name, Fallback fallback) throws IOException {
        CatalogueEntry e = entry(name);
        if (e.isTable()) {
            return new Splits(loadEntry(e, Split.TRAIN), null);
        }
        Loaded train = loadWithFallback(e, Split.TRAIN, fallback);
        Loaded test = train.fellBack()
                ? loadWithFallback(entry(e.subset()), Split.TEST, Fallback.NONE)
                : loadWithFallback(e, Split.TEST, fallback);
        return new Splits(train.data(), test.data());
    }

    private record Loaded(Dataset data, boolean fellBack) {}

    private Loaded loadWithFallback(CatalogueEntry e, Split split, Fallback fallback) throws IOException {
        try {
            return new Loaded(loadEntry(e, split), false);
        } catch (DataNotFoundException notFound) {
            if (fallback != Fallback.SUBSET || e.subset() == null) {
                throw notFound;
            }
            LOG.log(Level.WARNING, "using the shipped subset " + e.subset() + " instead of " + e.name()
                    + ", which is not available: " + notFound.getMessage());
            Dataset sub = loadEntry(entry(e.subset()), split);
            return new Loaded(new Dataset(sub.name(), "shipped subset " + e.subset() + " (fallback: " + e.name()
                    + " not found)", sub.x(), sub.rows(), sub.cols(), sub.labels(), sub.labelNames(), sub.columnNames(),
                    sub.height(), sub.width()), true);
        }
    }

    /** Where the files of one split would be looked for, in order, with what each place is. */
    public Map<Path, String> searchPath(String name) {
        CatalogueEntry e = entry(name);
        Map<Path, String> places = new LinkedHashMap<>();
        if (config.userDir() != null) {
            places.put(config.userDir().resolve(name), "data folder");
            places.put(config.userDir(), "data folder");
        }
        places.put(cacheDir(e), "cache");
        for (Path p : systemDirs(e)) {
            places.putIfAbsent(p, "system package " + e.systemPackage());
        }
        return places;
    }

    /** The cache folder of a data set. */
    public Path cacheDir(CatalogueEntry e) {
        return config.cacheRoot().resolve(e.name());
    }

    private Dataset loadEntry(CatalogueEntry e, Split split) throws IOException {
        String dsName = e.name() + "/" + split.label();
        if (e.isTable()) {
            return tableResource(e, split, dsName);
        }
        if (e.resource() != null) {
            return fromResource(e, split, dsName);
        }
        String images = CatalogueEntry.imagesFile(split);
        String labels = CatalogueEntry.labelsFile(split);
        for (Map.Entry<Path, String> place : searchPath(e.name()).entrySet()) {
            Path img = existing(place.getKey(), images);
            Path lab = existing(place.getKey(), labels);
            if (img != null && lab != null) {
                return checked(IdxReader.readDataset(dsName, img, lab), place.getValue() + " " + place.getKey());
            }
        }
        Remote remote = config.remotes().getOrDefault(e.name(), e.remote());
        String downloadProblem;
        if (remote == null) {
            downloadProblem = "it cannot be downloaded";
        } else if (!config.download()) {
            downloadProblem = "downloads are switched off (-Dlatent4j.download=false or LATENT4J_OFFLINE)";
        } else {
            Path dir = cacheDir(e);
            try {
                Downloader d = new Downloader(config.timeout());
                for (String f : List.of(images, labels)) {
                    if (existing(dir, f) == null) {
                        LOG.log(Level.INFO, "downloading " + remote.url(f) + " into " + dir);
                        d.download(remote.url(f), dir.resolve(f), remote.md5().get(f));
                    }
                }
                return checked(IdxReader.readDataset(dsName, dir.resolve(images), dir.resolve(labels)),
                        "downloaded from " + remote.baseUrl() + " into cache " + dir);
            } catch (Downloader.DownloadException ex) {
                downloadProblem = "the download failed: " + ex.getMessage();
            }
        }
        throw new DataNotFoundException(notFoundMessage(e, split, remote, downloadProblem), null);
    }

    private String notFoundMessage(CatalogueEntry e, Split split, Remote remote, String downloadProblem) {
        String places = searchPath(e.name()).entrySet().stream()
                .map(p -> p.getKey() + " (" + p.getValue() + ")").collect(Collectors.joining(", "));
        String files = CatalogueEntry.imagesFile(split) + " and " + CatalogueEntry.labelsFile(split);
        StringBuilder m = new StringBuilder(e.name() + " (" + split.label() + ") not found: looked for " + files
                + " in " + places + "; " + downloadProblem + ". To provide the files by hand, ");
        if (remote != null) {
            m.append("download ").append(remote.url(CatalogueEntry.imagesFile(split))).append(" and ")
             .append(remote.url(CatalogueEntry.labelsFile(split))).append(" and ");
        }
        m.append("put them in ").append(cacheDir(e))
         .append(", or in DIR/").append(e.name()).append("/ with -Dlatent4j.data=DIR or LATENT4J_DATA=DIR");
        if (e.systemPackage() != null) {
            m.append("; or install the Debian package ").append(e.systemPackage());
        }
        return m.toString();
    }

    /** The classes of the catalogue's image sets: ten digits (MNIST) or ten kinds of clothes (Fashion-MNIST). */
    static final int IMAGE_CLASSES = 10;

    /**
     * The named data sets are 28x28 images labelled 0 to 9; anything else under their names is a mistake
     * worth reporting (a label of 200 would otherwise pass as an eleventh to two-hundred-first class).
     */
    private static Dataset checked(Dataset d, String source) throws BadDataException {
        if (d.height() != 28 || d.width() != 28) {
            throw new BadDataException(source, d.name() + " should hold 28x28 images, found " + d.height() + "x" + d.width());
        }
        int[] y = d.labels();
        for (int i = 0; y != null && i < y.length; i++) {
            if (y[i] < 0 || y[i] >= IMAGE_CLASSES) {
                throw new BadDataException(d.source(), "label " + y[i] + " of item " + i + " (counting from 0) is outside "
                        + d.name() + "'s " + IMAGE_CLASSES + " classes (accepted: 0 to " + (IMAGE_CLASSES - 1) + ")");
            }
        }
        return new Dataset(d.name(), source, d.x(), d.rows(), d.cols(), d.labels(), null, null, d.height(), d.width());
    }

    private Dataset fromResource(CatalogueEntry e, Split split, String dsName) throws IOException {
        IdxArray images = resource(e.resource() + CatalogueEntry.imagesFile(split));
        IdxArray labels = resource(e.resource() + CatalogueEntry.labelsFile(split));
        return checked(IdxReader.toDataset(dsName, images, labels), "shipped subset " + e.name() + " (classpath " + e.resource() + ")");
    }

    private static Dataset tableResource(CatalogueEntry e, Split split, String dsName) throws IOException {
        if (split != Split.TRAIN) {
            throw new DataNotFoundException(e.name() + " has only a training split (no " + split.label() + " split)", null);
        }
        String path = e.resource();
        try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new NoSuchFileException("classpath:" + path, null, "missing from the latent4j-data jar (a broken build?)");
            }
            CsvOptions options = CsvOptions.builder().header(CsvOptions.Header.YES).label(CatalogueEntry.TABLE_LABEL).build();
            CsvTable t = CsvReader.read(new java.io.BufferedReader(new java.io.InputStreamReader(in,
                    java.nio.charset.StandardCharsets.UTF_8)), "classpath:" + path, options);
            Dataset d = t.toDataset(dsName);
            return new Dataset(d.name(), "shipped data set " + e.name() + " (classpath " + path + ")", d.x(), d.rows(),
                    d.cols(), d.labels(), d.labelNames(), d.columnNames(), 0, 0);
        }
    }

    private static IdxArray resource(String path) throws IOException {
        try (InputStream in = Catalogue.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new NoSuchFileException("classpath:" + path, null, "missing from the latent4j-data jar (a broken build?)");
            }
            return IdxReader.read(in, "classpath:" + path);
        }
    }

    private List<Path> systemDirs(CatalogueEntry e) {
        return systemDirsCache.computeIfAbsent(e.name(), k -> List.copyOf(config.systemDirs().apply(e)));
    }

    /** The file in dir under its name, or uncompressed (without .gz); null if neither exists. */
    static Path existing(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(gzName.substring(0, gzName.length() - 3));
        return Files.isRegularFile(raw) ? raw : null;
    }

    @Override
    public String toString() {
        return "Catalogue" + names() + " (cache " + config.cacheRoot() + ")";
    }
}

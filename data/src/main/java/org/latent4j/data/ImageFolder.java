package org.latent4j.data;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.latent4j.random.RandomSource;

/**
 * A folder of PNG and JPEG images as a data set ({@code images:DIR} on the command line).
 *
 * <p>Layouts, recognised in this order:
 * <ul>
 *   <li>{@code DIR/train/} and {@code DIR/test/}: the two splits, each laid out as one of the next two (the same
 *       one); the classes are the training folder's, and a test class folder must be one of them;</li>
 *   <li>class folders {@code DIR/<class>/...}: one sub-folder per class, the images anywhere beneath it; the
 *       labels are the sorted folder names' positions (the mapping is the data set's label names, and its
 *       source description lists it); image files directly in DIR beside class folders are an error;</li>
 *   <li>a flat folder: the image files directly in DIR, without labels.</li>
 * </ul>
 * Image files are those named {@code .png}, {@code .jpg} or {@code .jpeg} (any case); hidden files and folders
 * (names starting with a dot) and other files are ignored (their number is logged). Symbolic links are followed;
 * a link back to a folder above it is skipped with a warning, and at most {@value #MAX_FILES} files and
 * {@value #MAX_DEPTH} folder levels are read.
 *
 * <p>Without the folder pair, the options' test fraction holds out that share of the files (rounded, at least
 * one): the files are sorted by their path relative to DIR, shuffled by the seed, and the first ones go to the
 * test split; both splits then keep the sorted order. The same files and seed give the same split.
 *
 * <p>Memory: the number of files times channels × height × width is checked against the int range of a Java
 * array and the options' memory limit before anything is decoded; each file is decoded once, straight into its
 * row of the final array. Skipped files (with {@code skipBad}) leave the arrays one copy shorter at the end.
 */
public final class ImageFolder {
    private static final System.Logger LOG = System.getLogger(ImageFolder.class.getName());
    /** The most image files one data set may list. */
    static final int MAX_FILES = 2_000_000;
    /** The deepest folder nesting read beneath DIR. */
    static final int MAX_DEPTH = 32;
    /** Java arrays hold a little less than 2^31 elements. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private ImageFolder() {}

    /** One image file and its class (-1 without classes). */
    private record Item(Path file, String key, int label) {}

    /** The files of one split root, sorted by key, with the class folders' names if it has them. */
    private record Listing(Path root, List<Item> items, List<String> classes, int ignored) {}

    /** Reads the folder into train and (when there is one) test splits. */
    public static Splits read(Path dir, ImageFolderOptions options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw Files.exists(dir) ? new BadDataException(dir.toString(), "is a file, not a folder of images")
                    : new NoSuchFileException(dir.toString(), null, "no such image folder");
        }
        Path trainDir = dir.resolve("train");
        Path testDir = dir.resolve("test");
        boolean pair = Files.isDirectory(trainDir) && Files.isDirectory(testDir);
        if (!pair && (Files.isDirectory(trainDir) || Files.isDirectory(testDir))) {
            throw new BadDataException(dir.toString(), "has a " + (Files.isDirectory(trainDir) ? "train/" : "test/")
                    + " folder but no " + (Files.isDirectory(trainDir) ? "test/" : "train/")
                    + " folder: give both (the two splits) or neither (class folders or a flat folder)");
        }
        String name = baseName(dir);
        List<String> notes = new ArrayList<>();
        List<Item> train;
        List<Item> test;
        List<String> classes;
        if (pair) {
            if (options.testFraction() > 0) {
                throw new BadDataException(dir.toString(), "has train/ and test/ folders, which are the split already;"
                        + " leave out the test fraction (test=)");
            }
            Listing tr = list(trainDir, options);
            Listing te = list(testDir, options);
            if ((tr.classes() == null) != (te.classes() == null)) {
                throw new BadDataException(dir.toString(), "train/ " + (tr.classes() == null ? "is a flat folder" : "has class folders")
                        + " but test/ " + (te.classes() == null ? "is a flat folder" : "has class folders") + "; lay both out alike");
            }
            classes = tr.classes();
            train = tr.items();
            test = classes == null ? te.items() : relabel(te, classes);
            notes.add("split by its train/ and test/ folders");
            logIgnored(tr);
            logIgnored(te);
        } else {
            Listing all = list(dir, options);
            logIgnored(all);
            classes = all.classes();
            if (options.testFraction() > 0) {
                List<List<Item>> parts = splitByFraction(dir, all.items(), options.testFraction(), options.seed());
                train = parts.get(0);
                test = parts.get(1);
                notes.add(String.format(Locale.ROOT, "test split %s of the files (seed %d)",
                        trimmed(options.testFraction()), options.seed()));
            } else {
                train = all.items();
                test = null;
            }
        }
        if (train.isEmpty()) {
            throw new BadDataException(dir.toString(), "holds no training images (.png, .jpg or .jpeg files"
                    + (classes != null ? " in its class folders" : "") + ")");
        }
        int[] size = options.resizes() ? new int[] {options.height(), options.width()} : firstSize(train, options);
        int h = size[0];
        int w = size[1];
        int rowLength = checkedMemory(dir, options, h, w, train.size() + (test == null ? 0 : test.size()),
                Math.max(train.size(), test == null ? 0 : test.size()));
        ImageDecoder decoder = new ImageDecoder(options.channels(), options.height(), options.width(), options.centreCrop());
        String shape = options.channels() + "x" + h + "x" + w + (options.channels() == 3 ? " RGB" : " grey")
                + (!options.resizes() ? "" : options.centreCrop() ? ", centre-cropped and resized" : ", resized");
        String classNote = classes == null ? "no labels"
                : classes.size() + " classes: " + mapping(classes);
        Dataset trainSet = decodeAll(name + "/train", dir, train, classes, decoder, options, h, w, rowLength,
                shape, classNote, notes);
        Dataset testSet = test == null ? null
                : decodeAll(name + "/test", dir, test, classes, decoder, options, h, w, rowLength, shape, classNote, notes);
        if (classes != null) {
            LOG.log(Level.INFO, "image folder {0}: class labels {1}", dir, mapping(classes));
        }
        return new Splits(trainSet, testSet);
    }

    /** "a=0, b=1, ..." (the first 20 classes, then a count). */
    static String mapping(List<String> classes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < classes.size(); i++) {
            if (i == 20) {
                s.append(", ... (").append(classes.size() - 20).append(" more)");
                break;
            }
            s.append(i == 0 ? "" : ", ").append(classes.get(i)).append('=').append(i);
        }
        return s.toString();
    }

    private static Dataset decodeAll(String name, Path dir, List<Item> items, List<String> classes, ImageDecoder decoder,
                                     ImageFolderOptions options, int h, int w, int rowLength, String shape,
                                     String classNote, List<String> notes) throws BadDataException {
        float[] x = new float[Math.multiplyExact(items.size(), rowLength)];
        int[] labels = classes == null ? null : new int[items.size()];
        int kept = 0;
        List<String> skipped = new ArrayList<>();
        for (Item item : items) {
            try {
                decoder.decode(item.file(), x, kept * rowLength, h, w);
            } catch (BadDataException e) {
                if (!options.skipBad()) {
                    throw e;
                }
                LOG.log(Level.WARNING, "skipping {0}", e.getMessage());
                skipped.add(item.key());
                continue;
            }
            if (labels != null) {
                labels[kept] = item.label();
            }
            kept++;
        }
        if (kept == 0) {
            throw new BadDataException(dir.toString(), "none of the " + items.size() + " image files of " + name
                    + " could be read (skip-bad skipped them all; the warnings name each)");
        }
        if (kept < items.size()) {
            x = Arrays.copyOf(x, kept * rowLength);
            labels = labels == null ? null : Arrays.copyOf(labels, kept);
        }
        StringBuilder source = new StringBuilder("image folder ").append(dir).append(" (").append(kept)
                .append(kept == 1 ? " image, " : " images, ").append(shape).append("; ").append(classNote);
        for (String n : notes) {
            source.append("; ").append(n);
        }
        if (!skipped.isEmpty()) {
            source.append("; ").append(skipped.size()).append(skipped.size() == 1 ? " bad file" : " bad files")
                    .append(" skipped: ").append(String.join(", ", skipped.subList(0, Math.min(5, skipped.size()))))
                    .append(skipped.size() > 5 ? ", ..." : "");
        }
        source.append(')');
        return Dataset.builder(name, x, kept, rowLength).source(source.toString()).labels(labels).labelNames(classes)
                .image(options.channels(), h, w).build();
    }

    /** Checks the pixels' total against the int range and the memory limit; returns channels × height × width. */
    private static int checkedMemory(Path dir, ImageFolderOptions options, int h, int w, long files, long largestSplit)
            throws BadDataException {
        long row = (long) options.channels() * h * w;
        long largest = row * largestSplit;
        long total = row * files;
        String what = files + " images of " + options.channels() + "x" + h + "x" + w + " values";
        if (row > MAX_ARRAY || largest > MAX_ARRAY) {
            throw new BadDataException(dir.toString(), what + " need " + (row > MAX_ARRAY ? row + " values per image" : largest
                    + " values in one split") + ", more than a Java array holds (" + MAX_ARRAY + "); use a smaller size=HEIGHTxWIDTH"
                    + " or fewer images");
        }
        if (4 * total > options.maxBytes()) {
            throw new BadDataException(dir.toString(), what + " need " + bytes(4 * total) + " as floats, more than the "
                    + bytes(options.maxBytes()) + " allowed (half the Java heap); use a smaller size=HEIGHTxWIDTH, fewer"
                    + " images or a larger heap (-Xmx)");
        }
        return (int) row;
    }

    /** The size (height, width) of the first readable file; every other file must match it. */
    private static int[] firstSize(List<Item> items, ImageFolderOptions options) throws BadDataException {
        for (Item item : items) {
            try {
                int[] wh = ImageDecoder.size(item.file());
                return new int[] {wh[1], wh[0]};
            } catch (BadDataException e) {
                if (!options.skipBad()) {
                    throw e;
                }
            }
        }
        throw new BadDataException(items.getFirst().file().getParent().toString(), "none of its " + items.size()
                + " image files has a readable header");
    }

    private static List<List<Item>> splitByFraction(Path dir, List<Item> items, double fraction, long seed)
            throws BadDataException {
        int n = items.size();
        if (n < 2) {
            throw new BadDataException(dir.toString(), "holds " + n + " image file" + (n == 1 ? "" : "s")
                    + ", too few to hold out a test split (test=" + trimmed(fraction) + ")");
        }
        int testCount = (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
        int[] order = new RandomSource(seed).permutation(n);
        boolean[] isTest = new boolean[n];
        for (int i = 0; i < testCount; i++) {
            isTest[order[i]] = true;
        }
        List<Item> train = new ArrayList<>(n - testCount);
        List<Item> test = new ArrayList<>(testCount);
        for (int i = 0; i < n; i++) {
            (isTest[i] ? test : train).add(items.get(i));
        }
        return List.of(train, test);
    }

    /** The test folder's items with the training folder's class numbers. */
    private static List<Item> relabel(Listing test, List<String> classes) throws BadDataException {
        for (String c : test.classes()) {
            if (!classes.contains(c)) {
                throw new BadDataException(test.root().resolve(c).toString(), "is a test class folder without a training"
                        + " class folder of the same name; the training classes are " + String.join(", ", classes));
            }
        }
        List<Item> out = new ArrayList<>(test.items().size());
        for (Item it : test.items()) {
            out.add(new Item(it.file(), it.key(), classes.indexOf(test.classes().get(it.label()))));
        }
        return out;
    }

    /** Lists a split root: class folders (images beneath each) or a flat folder. */
    private static Listing list(Path root, ImageFolderOptions options) throws IOException {
        List<Path> folders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        int[] ignored = {0};
        try (Stream<Path> entries = Files.list(root)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (hidden(p)) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    folders.add(p);
                } else if (isImageName(p)) {
                    files.add(p);
                    checkCount(root, files.size());
                } else {
                    ignored[0]++;
                }
            }
        } catch (AccessDeniedException e) {
            throw new BadDataException(root.toString(), "cannot be listed (permission denied)", e);
        }
        List<Item> items = new ArrayList<>();
        if (folders.isEmpty()) {
            for (Path f : files) {
                items.add(new Item(f, key(root, f), -1));
            }
            items.sort((a, b) -> a.key().compareTo(b.key()));
            return new Listing(root, items, null, ignored[0]);
        }
        if (!files.isEmpty()) {
            files.sort(null);
            folders.sort(null);
            throw new BadDataException(root.toString(), "holds image files (" + names(files) + ") beside sub-folders ("
                    + names(folders) + "): put every image in a class sub-folder, or move the sub-folders away for a flat"
                    + " folder without labels");
        }
        folders.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<String> classes = new ArrayList<>();
        for (Path folder : folders) {
            int label = classes.size();
            classes.add(folder.getFileName().toString());
            int before = items.size();
            walk(root, folder, label, items, ignored);
            if (items.size() == before) {
                LOG.log(Level.WARNING, "class folder {0} holds no .png, .jpg or .jpeg files", folder);
            }
        }
        items.sort((a, b) -> a.key().compareTo(b.key()));
        return new Listing(root, items, classes, ignored[0]);
    }

    /** Adds the image files beneath a class folder, following links; a link loop is skipped with a warning. */
    private static void walk(Path root, Path folder, int label, List<Item> items, int[] ignored) throws IOException {
        Files.walkFileTree(folder, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(folder) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (hidden(f)) {
                    return FileVisitResult.CONTINUE;
                }
                if (isImageName(f) && !attrs.isDirectory()) {
                    // a broken link or special file is listed too: decoding it names it
                    items.add(new Item(f, key(root, f), label));
                    checkCount(root, items.size());
                } else {
                    ignored[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    LOG.log(Level.WARNING, "skipping {0}: a symbolic link to a folder above it (a loop)", f);
                    return FileVisitResult.CONTINUE;
                }
                throw new BadDataException(f.toString(), "cannot be read (" + e + ")", e);
            }
        });
    }

    private static void checkCount(Path root, int count) throws BadDataException {
        if (count > MAX_FILES) {
            throw new BadDataException(root.toString(), "holds more than " + MAX_FILES + " image files; latent4j reads at"
                    + " most that many into memory (use a smaller folder)");
        }
    }

    /** The sort key: the path relative to the split root, with / between names on every system. */
    private static String key(Path root, Path f) {
        Path rel = root.relativize(f);
        StringBuilder s = new StringBuilder();
        for (Path part : rel) {
            s.append(s.isEmpty() ? "" : "/").append(part);
        }
        return s.toString();
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static boolean hidden(Path p) {
        Path n = p.getFileName();
        return n != null && n.toString().startsWith(".");
    }

    private static void logIgnored(Listing l) {
        if (l.ignored() > 0) {
            LOG.log(Level.INFO, "image folder {0}: ignored {1} file(s) not named .png, .jpg or .jpeg", l.root(), l.ignored());
        }
    }

    private static String names(List<Path> paths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(3, paths.size()); i++) {
            s.append(i == 0 ? "" : ", ").append(paths.get(i).getFileName());
        }
        return s.append(paths.size() > 3 ? ", ..." : "").toString();
    }

    /** A byte count in kB, MB or GB (powers of 1000), one decimal. */
    static String bytes(long n) {
        double v = n;
        String unit = n >= 1e9 ? "GB" : n >= 1e6 ? "MB" : "kB";
        double scale = n >= 1e9 ? 1e9 : n >= 1e6 ? 1e6 : 1e3;
        return String.format(Locale.ROOT, "%.1f %s", v / scale, unit);
    }

    private static String trimmed(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static String baseName(Path dir) {
        Path n = dir.toAbsolutePath().normalize().getFileName();
        return n == null ? "images" : n.toString();
    }
}

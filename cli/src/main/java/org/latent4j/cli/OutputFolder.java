package org.latent4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.latent4j.cli.config.RunRecord;
import org.latent4j.cli.console.Usage;
import org.latent4j.io.AtomicFiles;
import org.latent4j.io.Json;
import org.latent4j.runtime.Version;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The output folder of a command that writes one ({@code train vae}, {@code train gmm}, {@code demo},
 * {@code demo vae}, {@code plot}), kept so that latent4j never loses a file it did not write.
 *
 * <p>The rule: the folder must be new, or empty, or one latent4j wrote, which it knows by its marker file
 * {@value #MARKER} (the command and the names it wrote). Writing again into a folder latent4j wrote needs
 * {@code --overwrite} (or {@code --resume}), and then replaces only the files of the command's
 * {@link OutputLayout}; a folder replaced as a whole (a model) must hold only latent4j's files, else the run
 * is refused. Everything else is refused before any work, as a usage error (exit code 2).
 *
 * <p>While a command runs it holds an operating-system lock on {@value #LOCK} in the folder
 * ({@link FolderLock}), so a second run into the same folder is refused (exit code 1) instead of
 * mixing its files with the first's; the lock dies with the process, so a crashed run does not block the
 * next. The run that takes the lock of a folder latent4j wrote first removes the temporaries a crashed run
 * left there ({@code .model.tmp-*}, {@code .checkpoint.tmp-*}, ...: only names of the layout's files).
 *
 * <p>A run that fails {@linkplain #failed(Exception) removes} what it wrote when none of it is worth keeping
 * (nothing but {@code run.json}), the folder too when the run created it, and its error says what was left.
 */
public final class OutputFolder implements AutoCloseable {
    /** The marker of a folder latent4j wrote: {"written_by", "command", "outputs": [top-level names]}. */
    public static final String MARKER = ".latent4j-run.json";
    /** The lock file held while a command writes into the folder (empty; left in place, see {@link #close()}). */
    public static final String LOCK = FolderLock.FILE;
    /** The description of the {@code --overwrite} option of the commands that write a folder. */
    public static final String OVERWRITE = "Write into an --out folder an earlier latent4j run wrote, replacing its outputs"
            + " (other files there are kept; a model folder holding a file of yours is refused).";
    /** How many of a refused folder's entries the message names. */
    private static final int SHOWN = 3;

    /** How the folder was found. */
    private enum Origin { CREATED, EMPTY, REUSED }

    private final Path dir;
    private final OutputLayout layout;
    private final String command;
    private final Origin origin;
    /** The first folder of {@code dir}'s path that this run created (removed again when the run leaves nothing). */
    private final Path createdRoot;
    private final FolderLock lock;
    /** The modification times of the layout's top-level entries when the run began (a reused folder). */
    private final Map<String, FileTime> before;
    private final Set<String> earlierOutputs;
    /** The earlier run's run.json (a reused folder), put back when this run fails having written nothing else. */
    private final byte[] earlierRecord;
    private boolean closed;

    private OutputFolder(Path dir, OutputLayout layout, String command, Origin origin, Path createdRoot,
                         FolderLock lock, Set<String> earlierOutputs) throws IOException {
        this.dir = dir;
        this.layout = layout;
        this.command = command;
        this.origin = origin;
        this.createdRoot = createdRoot;
        this.lock = lock;
        this.earlierOutputs = earlierOutputs;
        this.before = times();
        Path record = dir.resolve(RunRecord.FILE);
        this.earlierRecord = origin == Origin.REUSED && Files.isRegularFile(record) ? Files.readAllBytes(record) : null;
    }

    /**
     * Opens the {@code --out} folder of a training or demo command under the rule above.
     *
     * @param option the option that named it, for the messages (e.g. {@code --out})
     * @param reuse  whether a folder latent4j wrote may be written again ({@code --overwrite}, {@code --resume})
     * @param how    what to add to the command line for that, for the message (e.g. {@code --overwrite to replace
     *               its outputs})
     */
    public static OutputFolder open(CommandSpec spec, String option, Path dir, OutputLayout layout, boolean reuse, String how)
            throws IOException {
        requireNonEmpty(spec, option, dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw Usage.error(spec, option + " " + dir + ": exists and is not a folder; name a new folder");
        }
        usable(spec, option, dir, reuse, how);   // refused before anything is created in the folder
        Path createdRoot = null;
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            Path top = dir.toAbsolutePath().normalize();
            while (top.getParent() != null && !Files.exists(top.getParent())) {
                top = top.getParent();
            }
            Files.createDirectories(dir);
            createdRoot = top;
        }
        FolderLock lock = FolderLock.take(dir, "wait for it to end or choose another " + option);
        try {
            // again under the lock: another run may have written the folder since the first look
            boolean reused = usable(spec, option, dir, reuse, how);
            Origin origin = reused ? Origin.REUSED : createdRoot != null ? Origin.CREATED : Origin.EMPTY;
            OutputFolder folder = new OutputFolder(dir, layout, spec.qualifiedName(" "), origin, createdRoot, lock,
                    reused ? outputs(dir) : Set.of());
            if (reused) {
                folder.checkWholeDirs(spec, option);
                folder.removeStaleTemporaries();
            }
            folder.writeMarker();
            return folder;
        } catch (IOException | RuntimeException e) {
            lock.release(true);
            if (createdRoot != null) {
                removeEmpty(dir, createdRoot);
            }
            throw e;
        }
    }

    /**
     * Whether a folder may be written: true when latent4j wrote it and {@code reuse} allows writing again,
     * false when it is new or empty; refused (a usage error) otherwise.
     */
    private static boolean usable(CommandSpec spec, String option, Path dir, boolean reuse, String how) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            if (!reuse) {
                throw Usage.error(spec, option + " " + dir + ": holds the output of an earlier '" + command(dir)
                        + "'; add " + how + ", or choose a new folder");
            }
            return true;
        }
        List<String> entries = entries(dir);
        if (!entries.isEmpty()) {
            throw Usage.error(spec, option + " " + dir + ": the folder holds files latent4j did not write (" + shown(entries)
                    + "); latent4j writes only into a new or empty folder, or one it wrote itself: choose a new folder,"
                    + " or empty this one");
        }
        return false;
    }

    /**
     * Opens a run folder latent4j wrote to add files to it ({@code plot}): a folder with the marker is
     * taken as it is; one without (an older latent4j's) only when none of the layout's files exist yet.
     */
    public static OutputFolder openRun(CommandSpec spec, String what, Path dir, OutputLayout layout) throws IOException {
        requireNonEmpty(spec, what, dir);
        if (!Files.isRegularFile(dir.resolve(MARKER))) {
            for (String top : layout.topNames()) {
                if (Files.exists(dir.resolve(top), LinkOption.NOFOLLOW_LINKS)) {
                    throw Usage.error(spec, what + " " + dir + ": " + dir.resolve(top) + " exists, and " + dir + " has no "
                            + MARKER + " to say latent4j wrote it; move " + String.join(" and ", layout.topNames())
                            + " out of the folder first");
                }
            }
        }
        FolderLock lock = FolderLock.take(dir, "wait for it to end");
        OutputFolder folder = new OutputFolder(dir, layout, null, Origin.REUSED, null, lock,
                Files.isRegularFile(dir.resolve(MARKER)) ? outputs(dir) : Set.of());
        if (Files.isRegularFile(dir.resolve(MARKER))) {
            folder.removeStaleTemporaries();
        }
        return folder;
    }

    /**
     * Marks a folder this run wrote inside its output folder (the demo's {@code vae-latent2}) as latent4j's,
     * so that {@code plot} may draw into it.
     */
    public void markInner(String name, OutputLayout inner) throws IOException {
        Path sub = dir.resolve(name);
        ObjectNode m = marker(command, present(sub, inner.topNames()));
        AtomicFiles.writeString(sub.resolve(MARKER), Json.writePretty(m) + "\n");
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The work of a command that writes into an output folder; returns the exit code. */
    @FunctionalInterface
    public interface Work {
        int call() throws IOException;
    }

    /**
     * Does {@code work} in this folder and closes it. On a failure the folder is left as {@link #failed(Exception)}
     * says and the exception is thrown with what was left added; an error such as running out of memory is
     * thrown as it is, after tidying and printing what was left.
     */
    public int run(CommandSpec spec, Work work) throws IOException {
        try {
            return work.call();
        } catch (RuntimeException | IOException e) {
            throw failed(e);
        } catch (Error e) {
            failed(e, spec);
            throw e;
        } finally {
            close();
        }
    }

    /**
     * Leaves the folder after a failure: removes what this run wrote when nothing of it is worth keeping
     * (nothing but run.json; the folder itself when this run created it), records the rest in the marker,
     * and returns the exception to throw: a usage error as it was, anything else with what was left added to
     * its message.
     */
    public RuntimeException failed(Exception e) {
        String left;
        try {
            left = leave();
        } catch (IOException | RuntimeException cleanup) {
            e.addSuppressed(cleanup);
            left = "could not tidy " + dir + " (" + Errors.message(cleanup) + ")";
        }
        if (e instanceof ParameterException p) {
            return p;
        }
        return new IllegalStateException(Errors.message(e) + "; " + left, e);
    }

    /** {@link #failed(Exception)} for an error such as running out of memory: tidies, prints what was left. */
    public void failed(Error e, CommandSpec spec) {
        try {
            String left = leave();
            spec.commandLine().getErr().println(spec.qualifiedName(" ") + ": " + left);
        } catch (IOException | RuntimeException cleanup) {
            e.addSuppressed(cleanup);
        }
    }

    /** Ends the run: records what the folder holds in the marker and releases the lock (its file stays). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.isDirectory(dir) && (command != null || Files.isRegularFile(dir.resolve(MARKER)))) {
                writeMarker();
            }
        } finally {
            lock.close();
        }
    }

    /** Refuses to write into an empty path, naming the option (an unset shell variable gives one). */
    static void requireNonEmpty(CommandSpec spec, String option, Path path) {
        if (path == null || path.toString().isBlank()) {
            throw Usage.error(spec, option + ": the path is empty (an unset shell variable?); name a folder or file");
        }
    }

    private String leave() throws IOException {
        List<String> wrote = new ArrayList<>();
        for (String top : present(dir, layout.topNames())) {
            if (origin != Origin.REUSED || changed(top)) {
                wrote.add(top);
            }
        }
        boolean worthKeeping = wrote.stream().anyMatch(n -> !n.equals(RunRecord.FILE));
        if (origin == Origin.REUSED) {
            if (wrote.equals(List.of(RunRecord.FILE)) && earlierRecord != null) {
                AtomicFiles.write(dir.resolve(RunRecord.FILE), earlierRecord);
                wrote.clear();
            }
            close();
            return wrote.isEmpty() ? dir + " is as it was (the earlier run's outputs)"
                    : dir + " keeps the earlier run's outputs but for " + String.join(", ", wrote) + ", written by this run";
        }
        if (worthKeeping) {
            close();
            return dir + " keeps what this run wrote: " + String.join(", ", wrote);
        }
        for (String top : wrote) {
            AtomicFiles.deleteTree(dir.resolve(top));
        }
        Files.deleteIfExists(dir.resolve(MARKER));
        closed = true;
        lock.release(true);   // the folder is left as it was: new (then removed) or empty
        if (origin == Origin.CREATED && removeEmpty(dir, createdRoot)) {
            return "nothing was kept: " + dir + ", which this run had created, is removed";
        }
        List<String> rest = entries(dir);
        return "nothing was kept in " + dir + (rest.isEmpty() ? "" : " (it holds " + shown(rest) + ", not this run's)");
    }

    /** Refuses a reused folder whose model (or other whole folder) holds a file latent4j did not write. */
    private void checkWholeDirs(CommandSpec spec, String option) throws IOException {
        for (Path whole : existingDirs(true)) {
            for (String name : entries(whole)) {
                Path rel = dir.relativize(whole.resolve(name));
                if (!layout.isFile(rel) && !layout.isTemp(rel, Set.of())) {
                    throw Usage.error(spec, option + " " + dir + ": " + whole.resolve(name) + " was not written by latent4j,"
                            + " and " + option + " " + dir + " would replace " + whole + " as a whole; move that file out of it"
                            + " first");
                }
            }
        }
    }

    /** Removes the temporaries of the layout's files that a crashed run left (this run holds the lock). */
    private void removeStaleTemporaries() throws IOException {
        List<Path> dirs = new ArrayList<>(existingDirs(false));
        dirs.add(0, dir);
        Set<String> own = Set.of(MARKER);
        for (Path d : dirs) {
            for (String name : entries(d)) {
                Path rel = dir.relativize(d.resolve(name));
                if (layout.isTemp(rel, own)) {
                    AtomicFiles.deleteTree(d.resolve(name));
                }
            }
        }
    }

    /** The folders of the layout that exist (only the whole ones when {@code wholeOnly}), down to three levels. */
    private List<Path> existingDirs(boolean wholeOnly) throws IOException {
        List<Path> found = new ArrayList<>();
        collect(dir, 0, wholeOnly, found);
        return found;
    }

    private void collect(Path at, int depth, boolean wholeOnly, List<Path> found) throws IOException {
        if (depth >= 3) {
            return;
        }
        for (String name : entries(at)) {
            Path p = at.resolve(name);
            Path rel = dir.relativize(p);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && layout.isDir(rel)) {
                if (!wholeOnly || layout.isWholeDir(rel)) {
                    found.add(p);
                }
                collect(p, depth + 1, wholeOnly, found);
            }
        }
    }

    private boolean changed(String top) throws IOException {
        FileTime then = before.get(top);
        return then == null || !then.equals(Files.getLastModifiedTime(dir.resolve(top), LinkOption.NOFOLLOW_LINKS));
    }

    private Map<String, FileTime> times() throws IOException {
        Map<String, FileTime> t = new HashMap<>();
        for (String top : present(dir, layout.topNames())) {
            t.put(top, Files.getLastModifiedTime(dir.resolve(top), LinkOption.NOFOLLOW_LINKS));
        }
        return t;
    }

    private void writeMarker() throws IOException {
        Set<String> outputs = new TreeSet<>(present(dir, layout.topNames()));
        for (String e : earlierOutputs) {
            if (Files.exists(dir.resolve(e), LinkOption.NOFOLLOW_LINKS)) {
                outputs.add(e);
            }
        }
        String by = command != null ? command : command(dir);
        AtomicFiles.writeString(dir.resolve(MARKER), Json.writePretty(marker(by, outputs)) + "\n");
    }

    private static ObjectNode marker(String command, Iterable<String> outputs) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("written_by", "latent4j " + Version.get());
        m.put("command", command);
        ArrayNode a = m.putArray("outputs");
        outputs.forEach(a::add);
        return m;
    }

    /** The entries of {@code d} named by {@code globs} (a glob such as {@code vae-latent*} matches several), sorted. */
    private static Set<String> present(Path d, Set<String> globs) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String name : entries(d)) {
            for (String g : globs) {
                if (d.getFileSystem().getPathMatcher("glob:" + g).matches(Path.of(name))) {
                    found.add(name);
                }
            }
        }
        return found;
    }

    /** The names in a folder, but the lock file; sorted. */
    private static List<String> entries(Path d) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.equals(LOCK)) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static String shown(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(SHOWN, names.size())))
                + (names.size() > SHOWN ? " and " + (names.size() - SHOWN) + " more" : "");
    }

    private static String command(Path dir) {
        try {
            return Json.read(dir.resolve(MARKER)).path("command").asText("latent4j");
        } catch (IOException | RuntimeException e) {
            return "latent4j";
        }
    }

    private static Set<String> outputs(Path dir) {
        Set<String> names = new TreeSet<>();
        try {
            for (JsonNode n : Json.read(dir.resolve(MARKER)).path("outputs")) {
                if (n.isTextual() && !n.textValue().contains("/") && !n.textValue().contains("\\")) {
                    names.add(n.textValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable marker still marks the folder; the outputs are then found again from the layout
        }
        return names;
    }

    /** Removes {@code dir} and its parents up to {@code root} while they are empty; true when dir is gone. */
    private static boolean removeEmpty(Path dir, Path root) throws IOException {
        Path at = dir.toAbsolutePath().normalize();
        Path stop = root.toAbsolutePath().normalize();
        while (at != null && at.startsWith(stop)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(at)) {
                if (s.iterator().hasNext()) {
                    return !Files.exists(dir);
                }
            }
            Files.delete(at);
            if (at.equals(stop)) {
                break;
            }
            at = at.getParent();
        }
        return !Files.exists(dir);
    }
}

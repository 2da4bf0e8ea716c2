package org.trm4j.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A directory written under a temporary sibling name ({@code DIR.tmp-XXXX}) and renamed to its real name only
 * when complete, so that a failed or interrupted write never leaves a half-written {@code DIR} behind. A JVM that exits
 * before commit or abort (Ctrl-C) removes the temporary directory in a shutdown hook.
 */
public final class AtomicDir {
    private final Path target;
    private final Path temp;
    private final Thread cleanup;
    private boolean done;

    private AtomicDir(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
        this.cleanup = new Thread(() -> {
            synchronized (this) {
                if (done) return;
                try {
                    deleteTree(temp);
                } catch (IOException ignored) {
                    // the JVM is exiting; nothing better to do than leave the .tmp name, which says it is unfinished
                }
            }
        }, "remove " + temp.getFileName());
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates the temporary directory for {@code target}; refuses a target that exists and is not a trm4j data set (or empty). */
    public static AtomicDir begin(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        checkReplaceable(t);
        Path parent = t.getParent();
        if (parent != null) Files.createDirectories(parent);
        Path temp = t.resolveSibling(t.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
        Files.createDirectory(temp);
        return new AtomicDir(t, temp);
    }

    /** The directory to write into until {@link #commit()}. */
    public Path path() { return temp; }

    /** The final name. */
    public Path target() { return target; }

    /** Replaces the target (an older data set there is deleted) by the temporary directory. */
    public synchronized void commit() throws IOException {
        if (done) throw new IllegalStateException(target + " was already committed or aborted");
        checkReplaceable(target);
        if (Files.exists(target)) deleteTree(target);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        done = true;
        unhook();
    }

    /** Deletes the temporary directory (idempotent; after commit it does nothing). */
    public synchronized void abort() {
        if (done) return;
        done = true;
        unhook();
        try {
            deleteTree(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished " + temp + ": " + e.getMessage(), e);
        }
    }

    /** Whether commit or abort happened. */
    public synchronized boolean finished() { return done; }

    private void unhook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; it sees done and does nothing
        }
    }

    private static void checkReplaceable(Path t) throws IOException {
        if (!Files.exists(t)) return;
        if (!Files.isDirectory(t)) throw new BadDataException(t + " exists and is not a directory; choose another output");
        if (isDataSetTree(t)) return;
        try (Stream<Path> s = Files.list(t)) {
            if (s.findAny().isPresent())
                throw new BadDataException(t + " exists and is not a trm4j data set; choose another output (it is not overwritten)");
        }
    }

    /** A data set ({@code meta.json}) or a build output ({@code train/meta.json}, {@code test/meta.json}). */
    private static boolean isDataSetTree(Path t) {
        return Files.isRegularFile(t.resolve(DataSet.META_FILE)) || Files.isRegularFile(t.resolve("train").resolve(DataSet.META_FILE))
                || Files.isRegularFile(t.resolve("test").resolve(DataSet.META_FILE));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException | DirectoryNotEmptyException ignored) {
                    // already gone / raced: the final delete of root reports a real problem
                }
            }
        }
        Files.deleteIfExists(root);
    }
}

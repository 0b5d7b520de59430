package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The writer rule of a results folder: an OS lock ({@link FileChannel#tryLock}) on {@value #NAME} inside it, held
 * for the whole {@code run}, with the holder's pid, host and start time written in the file so that a refused writer
 * can say who holds it. A plain {@code run} takes it exclusively: one writer. Writers that split a suite's runs between
 * them through per-run {@link RunClaims} ({@code run --shared}, shards) take it shared: they exclude a plain run, not
 * each other. The OS drops the lock when the holder dies, however it dies, so a stale lock file never blocks anyone.
 */
public final class FolderLock implements AutoCloseable {
    /** The lock file's name. */
    public static final String NAME = ".credence-lock";
    /** The lock file that serialises writing the summary and the manifest between shared writers. */
    public static final String SUMMARY_NAME = ".credence-summary-lock";
    private static final long POLL_MS = 500;

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param folder an existing results folder
     * @param wait   wait for the holder to finish instead of failing
     * @param err    where to say that we wait
     * @return the held lock
     */
    public static FolderLock acquire(Path folder, boolean wait, PrintStream err) {
        return acquire(folder, NAME, false, wait, err);
    }

    /**
     * @param folder an existing results folder
     * @param wait   wait for an exclusive holder to finish instead of failing
     * @param err    where to say that we wait
     * @return the lock held shared with other writers that claim runs one by one
     */
    public static FolderLock acquireShared(Path folder, boolean wait, PrintStream err) {
        return acquire(folder, NAME, true, wait, err);
    }

    /**
     * @param folder an existing results folder
     * @param err    where to say that we wait
     * @return the exclusive lock on writing the summary and manifest, waited for
     */
    public static FolderLock acquireSummary(Path folder, PrintStream err) {
        return acquire(folder, SUMMARY_NAME, false, true, err);
    }

    /**
     * @param folder   an existing results folder
     * @param name     the lock file
     * @param shared   shared rather than exclusive
     * @param wait     wait for a conflicting holder instead of failing
     * @param err      where to say that we wait
     * @return the held lock
     */
    static FolderLock acquire(Path folder, String name, boolean shared, boolean wait, PrintStream err) {
        Path file = folder.resolve(name);
        boolean told = false;
        while (true) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel, shared);
                if (lock != null) {
                    if (!shared) {
                        channel.truncate(0);
                    }
                    channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
                    channel.force(true);
                    return new FolderLock(channel, lock);
                }
                channel.close();
            } catch (IOException e) {
                close(channel);
                throw new CredenceInputException(file + ": cannot lock the results folder: " + AtomicFile.cause(e), e);
            }
            String who = heldBy(file);
            if (!wait) {
                throw new CredenceInputException(folder + ": another run is writing to this folder (" + who + ", lock "
                        + file + "); wait for it to finish, or give --wait");
            }
            if (!told) {
                err.println("waiting for " + folder + ": another run is writing to it (" + who + ")");
                told = true;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredenceInputException(folder + ": interrupted while waiting for the lock");
            }
        }
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0L, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    static String holder() {
        return holder(System.getenv());
    }

    /**
     * @param env the process environment
     * @return "pid P on HOST since TIME", and, inside a Slurm job, its task: ", Slurm task JOB_TASK" for a job array's
     *     task ({@code SLURM_ARRAY_JOB_ID}, {@code SLURM_ARRAY_TASK_ID}), ", Slurm job JOB" otherwise
     */
    static String holder(java.util.Map<String, String> env) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        String task = "";
        if (env.get("SLURM_ARRAY_JOB_ID") != null && env.get("SLURM_ARRAY_TASK_ID") != null) {
            task = ", Slurm task " + env.get("SLURM_ARRAY_JOB_ID") + "_" + env.get("SLURM_ARRAY_TASK_ID");
        } else if (env.get("SLURM_JOB_ID") != null) {
            task = ", Slurm job " + env.get("SLURM_JOB_ID");
        }
        return "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now() + task + "\n";
    }

    private static String heldBy(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "holder unknown" : s;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
    }
}

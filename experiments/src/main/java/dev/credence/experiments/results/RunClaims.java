package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-run claims, so several writers (processes, machines on a shared file system, shards of a Slurm array) can
 * share one results folder: before training a run, a writer creates {@code .<run id>.credence-claim} atomically
 * ({@code CREATE_NEW}) with its pid, host and start time, and deletes it once the run's result is written. While it
 * holds the claim it refreshes the file's modification time every {@link #HEARTBEAT} (a heartbeat), and it deletes
 * the claims it holds when the JVM shuts down (SIGTERM from {@code scancel} or a time limit, Ctrl-C).
 *
 * <p>A claim is abandoned, and taken over by the next writer that wants the run, when its holder is a dead process
 * on this host, or when its heartbeat stopped: its file was last modified more than the timeout ago (default
 * {@link #DEFAULT_TIMEOUT}, at least {@link #MIN_TIMEOUT}). The second rule is what frees a claim held by a process
 * on another host that was killed hard (SIGKILL, a node failure), whose pid cannot be checked from here; it assumes
 * the hosts' clocks agree to well within the timeout. Any other claim is respected: the run is left to its holder.
 */
public final class RunClaims {
    /** How often a holder refreshes its claims' modification time. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(30);
    /** A claim not refreshed for this long is abandoned, unless a writer chooses another timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** The shortest timeout a writer may choose: two heartbeats, so a live holder is never taken for gone. */
    public static final Duration MIN_TIMEOUT = HEARTBEAT.multipliedBy(2);

    private static final String SUFFIX = ".credence-claim";
    private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on (\\S+) since .*", Pattern.DOTALL);
    /** Claims this JVM holds, refreshed by the heartbeat and deleted at shutdown. */
    private static final Set<Claim> HELD = ConcurrentHashMap.newKeySet();
    private static volatile ScheduledExecutorService heartbeat;

    private final Path folder;
    private final Duration timeout;

    /** @param folder the results folder; claims are abandoned after {@link #DEFAULT_TIMEOUT} */
    public RunClaims(Path folder) {
        this(folder, DEFAULT_TIMEOUT);
    }

    /**
     * @param folder  the results folder
     * @param timeout how long a claim whose heartbeat stopped is respected (at least {@link #MIN_TIMEOUT})
     */
    public RunClaims(Path folder, Duration timeout) {
        if (timeout.compareTo(MIN_TIMEOUT) < 0) {
            throw new CredenceInputException("claim timeout " + timeout.toSeconds() + " s is shorter than two heartbeats ("
                    + MIN_TIMEOUT.toSeconds() + " s): a live writer's claims would be taken over");
        }
        this.folder = folder;
        this.timeout = timeout;
    }

    /** A held claim: closing it releases the run. */
    public static final class Claim implements AutoCloseable {
        private final Path file;
        private final String text;

        private Claim(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        /** @return whether the file is still this claim (not taken over by another writer) */
        private boolean ours() {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).equals(text);
            } catch (IOException e) {
                return false;
            }
        }

        private void refresh() {
            try {
                if (ours()) {
                    Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
                }
            } catch (IOException ignored) {
                // the next beat tries again; a claim that cannot be refreshed is at worst taken over and run twice
            }
        }

        /** Releases the run: deletes the claim file unless another writer has taken it over meanwhile. */
        @Override
        public void close() {
            HELD.remove(this);
            if (!ours()) {
                return;
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CredenceInputException(file + ": cannot release the run's claim: " + AtomicFile.cause(e), e);
            }
        }
    }

    /**
     * @param runId a run id
     * @return the claim, or null when a writer whose claim is not abandoned holds it
     */
    public Claim tryClaim(String runId) {
        Path file = file(runId);
        for (int attempt = 0; attempt < 2; attempt++) {
            String text = FolderLock.holder();
            try {
                Files.write(file, text.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Claim claim = new Claim(file, text);
                hold(claim);
                return claim;
            } catch (FileAlreadyExistsException e) {
                if (!abandoned(file)) {
                    return null;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException d) {
                    throw new CredenceInputException(file + ": cannot take over an abandoned claim: " + AtomicFile.cause(d), d);
                }
            } catch (IOException e) {
                throw new CredenceInputException(file + ": cannot claim the run: " + AtomicFile.cause(e), e);
            }
        }
        return null;
    }

    /** @return whether a file name is a claim */
    static boolean isClaim(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(SUFFIX);
    }

    /** @return who holds a run's claim, or null when nobody does */
    public String holder(String runId) {
        try {
            return Files.readString(file(runId), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    /** @return whether a run is claimed by a writer whose claim is not abandoned */
    public boolean isHeld(String runId) {
        Path file = file(runId);
        return Files.exists(file) && !abandoned(file);
    }

    private Path file(String runId) {
        return folder.resolve("." + runId + SUFFIX);
    }

    /** @return whether the claim's holder is a dead process on this host, or its heartbeat stopped */
    private boolean abandoned(Path file) {
        String text;
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return true; // released meanwhile: try again
        } catch (IOException e) {
            return false;
        }
        if (Duration.between(modified, Instant.now()).compareTo(timeout) > 0) {
            return true;
        }
        Matcher m = HOLDER.matcher(text);
        if (!m.matches()) {
            return false; // being written, or not ours to judge
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return m.group(2).equals(host) && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static void hold(Claim claim) {
        HELD.add(claim);
        if (heartbeat == null) {
            synchronized (RunClaims.class) {
                if (heartbeat == null) {
                    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "credence-claim-heartbeat");
                        t.setDaemon(true);
                        return t;
                    });
                    long every = HEARTBEAT.toMillis();
                    s.scheduleWithFixedDelay(RunClaims::beat, every, every, TimeUnit.MILLISECONDS);
                    Runtime.getRuntime().addShutdownHook(new Thread(RunClaims::releaseAll, "credence-claim-release"));
                    heartbeat = s;
                }
            }
        }
    }

    /** Refreshes every claim this JVM holds (the heartbeat's task; tests call it directly). */
    static void beat() {
        for (Claim c : HELD) {
            c.refresh();
        }
    }

    private static void releaseAll() {
        for (Claim c : HELD) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // shutting down: the heartbeat stopped, so the claim is abandoned after the timeout anyway
            }
        }
    }
}

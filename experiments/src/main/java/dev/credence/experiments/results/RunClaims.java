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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-run claims, so several writers can share one results folder: before training a run, a writer creates
 * {@code .<run id>.credence-claim} atomically ({@code CREATE_NEW}) with its pid, host and start time, and deletes it
 * once the run's result is written. A run claimed by a live writer is left to it. A claim whose holder is a dead
 * process on this host (killed) is taken over; a claim from another host is always respected, since its holder's
 * liveness cannot be seen from here.
 */
public final class RunClaims {
    private static final String SUFFIX = ".credence-claim";
    private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on (\\S+) since .*", Pattern.DOTALL);

    private final Path folder;

    /** @param folder the results folder */
    public RunClaims(Path folder) {
        this.folder = folder;
    }

    /** A held claim: closing it releases the run. */
    public static final class Claim implements AutoCloseable {
        private final Path file;

        private Claim(Path file) {
            this.file = file;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CredenceInputException(file + ": cannot release the run's claim: " + AtomicFile.cause(e), e);
            }
        }
    }

    /**
     * @param runId a run id
     * @return the claim, or null when a live writer holds it
     */
    public Claim tryClaim(String runId) {
        Path file = folder.resolve("." + runId + SUFFIX);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.write(file, FolderLock.holder().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return new Claim(file);
            } catch (FileAlreadyExistsException e) {
                if (!heldByDeadLocalProcess(file)) {
                    return null;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException d) {
                    throw new CredenceInputException(file + ": cannot take over a dead writer's claim: " + AtomicFile.cause(d), d);
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
            return Files.readString(folder.resolve("." + runId + SUFFIX), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static boolean heldByDeadLocalProcess(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return true; // released meanwhile: try again
        } catch (IOException e) {
            return false;
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
}

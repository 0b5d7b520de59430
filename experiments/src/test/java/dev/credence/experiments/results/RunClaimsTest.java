package dev.credence.experiments.results;

import dev.credence.core.CredenceInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims: exclusive while their holder lives and beats; taken over when the holder is a dead local process or its
 * heartbeat stopped for longer than the timeout (the only rule that can free a claim from another host).
 */
class RunClaimsTest {
    @TempDir
    Path dir;

    private Path claimFile(String run) {
        return dir.resolve("." + run + ".credence-claim");
    }

    private Path foreignClaim(String run, String holder, Duration age) throws Exception {
        Path f = Files.writeString(claimFile(run), holder + " since 2026-01-01T00:00:00Z\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
        return f;
    }

    @Test
    void aLiveClaimIsExclusiveAndClosingReleasesIt() {
        RunClaims claims = new RunClaims(dir);
        try (RunClaims.Claim c = claims.tryClaim("r")) {
            assertNotNull(c);
            assertNull(claims.tryClaim("r"), "held by this live process");
            assertTrue(claims.isHeld("r"));
            assertTrue(claims.holder("r").startsWith("pid " + ProcessHandle.current().pid() + " on "), claims.holder("r"));
        }
        assertFalse(Files.exists(claimFile("r")));
        assertFalse(claims.isHeld("r"));
        assertNull(claims.holder("r"));
    }

    @Test
    void aClaimNamesItsSlurmTaskAndStillParsesAsAHolder() throws Exception {
        String task = FolderLock.holder(java.util.Map.of("SLURM_ARRAY_JOB_ID", "28", "SLURM_ARRAY_TASK_ID", "3", "SLURM_JOB_ID", "31"));
        assertTrue(task.startsWith("pid " + ProcessHandle.current().pid() + " on ") && task.endsWith(", Slurm task 28_3\n"), task);
        assertTrue(FolderLock.holder(java.util.Map.of("SLURM_JOB_ID", "31")).endsWith(", Slurm job 31\n"));
        assertFalse(FolderLock.holder(java.util.Map.of()).contains("Slurm"));
        Files.writeString(claimFile("t"), task);
        RunClaims claims = new RunClaims(dir);
        assertNull(claims.tryClaim("t"), "a live holder's claim, task named or not, is respected");
        assertTrue(claims.holder("t").contains("Slurm task 28_3"), claims.holder("t"));
    }

    @Test
    void aDeadLocalHoldersClaimIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = InetAddress.getLocalHost().getHostName();
        foreignClaim("r", "pid " + gone.pid() + " on " + host, Duration.ZERO);
        RunClaims claims = new RunClaims(dir);
        assertFalse(claims.isHeld("r"));
        try (RunClaims.Claim c = claims.tryClaim("r")) {
            assertNotNull(c);
            assertTrue(claims.holder("r").startsWith("pid " + ProcessHandle.current().pid()), claims.holder("r"));
        }
    }

    @Test
    void anotherHostsClaimIsRespectedUntilItsHeartbeatIsOlderThanTheTimeout() throws Exception {
        RunClaims claims = new RunClaims(dir, Duration.ofMinutes(5));
        foreignClaim("fresh", "pid 1 on another-node", Duration.ofMinutes(4));
        assertTrue(claims.isHeld("fresh"));
        assertNull(claims.tryClaim("fresh"), "a claim beaten 4 minutes ago is live under a 5-minute timeout");
        foreignClaim("old", "pid 1 on another-node", Duration.ofMinutes(6));
        assertFalse(claims.isHeld("old"));
        try (RunClaims.Claim c = claims.tryClaim("old")) {
            assertNotNull(c, "a claim whose heartbeat stopped 6 minutes ago is abandoned");
        }
        assertFalse(new RunClaims(dir, Duration.ofMinutes(3)).isHeld("fresh"), "a shorter timeout frees it sooner");
    }

    @Test
    void theHeartbeatRefreshesHeldClaimsOnly() throws Exception {
        RunClaims claims = new RunClaims(dir, RunClaims.MIN_TIMEOUT);
        try (RunClaims.Claim c = claims.tryClaim("r")) {
            Instant old = Instant.now().minus(Duration.ofHours(1));
            Files.setLastModifiedTime(claimFile("r"), FileTime.from(old));
            Path other = foreignClaim("other", "pid 1 on another-node", Duration.ofHours(1));
            assertFalse(claims.isHeld("r"), "an hour without a beat");
            RunClaims.beat();
            Instant beaten = Files.getLastModifiedTime(claimFile("r")).toInstant();
            assertTrue(Duration.between(beaten, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, beaten.toString());
            assertTrue(claims.isHeld("r"));
            assertEquals(old.getEpochSecond(), Files.getLastModifiedTime(other).toInstant().getEpochSecond(), "not ours: not beaten");
        }
    }

    @Test
    void closingLeavesAClaimThatAnotherWriterTookOver() throws Exception {
        RunClaims claims = new RunClaims(dir);
        RunClaims.Claim c = claims.tryClaim("r");
        Files.writeString(claimFile("r"), "pid 1 on another-node since 2026-01-01T00:00:00Z\n");
        c.close();
        assertTrue(Files.exists(claimFile("r")), "the new holder's claim stays");
        assertEquals("pid 1 on another-node since 2026-01-01T00:00:00Z", claims.holder("r"));
    }

    @Test
    void aTimeoutShorterThanTwoHeartbeatsIsRefused() {
        CredenceInputException e = assertThrows(CredenceInputException.class, () -> new RunClaims(dir, Duration.ofSeconds(59)));
        assertTrue(e.getMessage().contains("shorter than two heartbeats (60 s)"), e.getMessage());
    }
}

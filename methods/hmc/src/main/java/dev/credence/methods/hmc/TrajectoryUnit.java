package dev.credence.methods.hmc;

/** How HMC's trajectory length is given. */
public enum TrajectoryUnit {
    /** 'leapfrog_steps' L per iteration, whatever ε is */
    steps,
    /** 'trajectory_length' λ = L·ε in time: L = max(1, round(λ/ε)), following ε while it adapts */
    time
}

/** Running a suite on a Slurm cluster: the job array's script, its self-checking file, and submission with sbatch. */
package dev.credence.experiments.cluster;

package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.kernel.Sgemm;

/** The JVM and matrix kernel a measurement ran on, for the JSON. */
final class EngineInfo {
    private EngineInfo() {
    }

    /** @return {jvm, java_version, kernel, vector_api, gemm_threads, processors} */
    static ObjectNode describe() {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        e.put("java_version", System.getProperty("java.version"));
        e.put("kernel", "credence-sgemm " + Sgemm.kernelName());
        e.put("vector_api", Sgemm.vectorized());
        e.put("gemm_threads", Sgemm.threads());
        e.put("processors", Runtime.getRuntime().availableProcessors());
        return e;
    }
}

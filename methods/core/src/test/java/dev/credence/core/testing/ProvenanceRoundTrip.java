package dev.credence.core.testing;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Tribuo round trip of a trainer: its provenance → OLCUT configuration → a trainer built by
 * {@link ConfigurationManager}, set to the same invocation count (as Tribuo's reproduction does) → the same provenance. (Tribuo's {@code Helpers.testConfigurableRoundtrip} compares
 * the provenance with every configurable field, so it cannot pass once the provenance leaves out the settings that
 * do not apply; and OLCUT 5.3.1's {@code Util.doubleEquals} is false for equal negative values.)
 */
public final class ProvenanceRoundTrip {
    private ProvenanceRoundTrip() {
    }

    /**
     * @param trainer a trainer
     * @return the trainer rebuilt from its provenance, after asserting it has the same provenance
     */
    public static UncertaintyTrainer assertRebuilds(UncertaintyTrainer trainer) {
        List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(trainer.getProvenance());
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configs);
        UncertaintyTrainer again = (UncertaintyTrainer) cm.lookup(configs.get(0).getName());
        again.setInvocationCount(trainer.getInvocationCount());
        assertEquals(trainer.getProvenance(), again.getProvenance());
        assertEquals(trainer.getProvenance().toString(), again.getProvenance().toString());
        return again;
    }
}

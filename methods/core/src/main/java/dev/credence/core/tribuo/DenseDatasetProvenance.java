package dev.credence.core.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.credence.core.data.DenseData;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.DatasetProvenance;

import java.util.Map;

/**
 * Dataset provenance for a model trained on a {@link DenseData} table, with the table's true sizes, so the
 * dense path records honest provenance without building a Tribuo dataset of per-example objects.
 */
public final class DenseDatasetProvenance extends DatasetProvenance {
    private static final long serialVersionUID = 1L;

    /**
     * @param description what the table is (dataset, profile, part)
     * @param data        the table
     */
    public DenseDatasetProvenance(String description, DenseData data) {
        super(new SimpleDataSourceProvenance(description, new LabelFactory()), new ListProvenance<>(),
                DenseData.class.getName(), true, false, data.size(), data.numFeatures(), data.numClasses());
    }

    /** @param map marshalled form, for OLCUT unmarshalling */
    public DenseDatasetProvenance(Map<String, Provenance> map) {
        super(map);
    }
}

package dev.credence.core.tribuo;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts a Tribuo dataset to a dense table once per fit: column j = feature id j, class k = output id k.
 */
public final class TribuoDense {
    private TribuoDense() {
    }

    /**
     * @param dataset a Tribuo classification dataset
     * @return the dense table (feature and class order follow the dataset's id maps)
     */
    public static DenseData toDense(Dataset<Label> dataset) {
        ImmutableFeatureMap features = dataset.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputs = dataset.getOutputIDInfo();
        int d = features.size();
        List<String> featureNames = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            featureNames.add(features.get(j).getName());
        }
        List<String> classNames = new ArrayList<>(outputs.size());
        for (int k = 0; k < outputs.size(); k++) {
            classNames.add(outputs.getOutput(k).getLabel());
        }
        FMatrixRMaj x = new FMatrixRMaj(dataset.size(), d);
        int[] y = new int[dataset.size()];
        int row = 0;
        for (Example<Label> example : dataset) {
            for (Feature f : example) {
                int id = features.getID(f.getName());
                if (id >= 0) {
                    x.data[row * d + id] = (float) f.getValue();
                }
            }
            y[row] = outputs.getID(example.getOutput());
            row++;
        }
        return new DenseData(x, y, classNames, featureNames);
    }

    /**
     * The inverse view, for handing a dense table to Tribuo code: one {@code ArrayExample} per row, features named
     * by the table's feature names, labels by its class names.
     *
     * @param data   a dense table
     * @param source a description of where the rows come from (the dataset's provenance)
     * @return a Tribuo dataset of its rows, in order
     */
    public static org.tribuo.MutableDataset<Label> toTribuo(DenseData data, String source) {
        org.tribuo.classification.LabelFactory factory = new org.tribuo.classification.LabelFactory();
        org.tribuo.MutableDataset<Label> d = new org.tribuo.MutableDataset<>(
                new org.tribuo.provenance.SimpleDataSourceProvenance(source, factory), factory);
        String[] names = data.featureNames().toArray(new String[0]);
        for (int i = 0; i < data.size(); i++) {
            double[] values = new double[names.length];
            for (int j = 0; j < names.length; j++) {
                values[j] = data.x().data[i * names.length + j];
            }
            d.add(new org.tribuo.impl.ArrayExample<>(new Label(data.classNames().get(data.y()[i])), names, values));
        }
        return d;
    }
}

package dev.credence.core.tribuo;

import dev.credence.core.spi.Entropy;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Tribuo model over any Credence {@link Predictive}: {@code predict} returns the mean predictive of S samples
 * as class probabilities, {@link #uncertainty} each example's entropy, expected entropy and mutual information, and
 * {@link #predictiveSamples} gives the harness the S samples themselves. Serializable as every Tribuo model.
 */
public final class CredenceModel extends Model<Label> {
    private static final long serialVersionUID = 1L;

    private final Predictive predictive;
    private final int samples;
    private final String[] classNames;
    private final int[] columnOfFeatureId;

    private CredenceModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
                          ImmutableOutputInfo<Label> outputInfo, Predictive predictive, int samples,
                          String[] classNames, int[] columnOfFeatureId) {
        super(name, provenance, featureMap, outputInfo, true);
        this.predictive = predictive;
        this.samples = samples;
        this.classNames = classNames;
        this.columnOfFeatureId = columnOfFeatureId;
    }

    /**
     * Wraps a fit made on a dense table whose columns and classes follow the given Tribuo id maps.
     *
     * @param name        model name
     * @param provenance  model provenance
     * @param featureMap  feature ids = dense columns
     * @param outputInfo  output ids = dense classes
     * @param fit         the fit
     * @return the model
     */
    static CredenceModel ofTribuoIds(String name, ModelProvenance provenance, ImmutableFeatureMap featureMap,
                                     ImmutableOutputInfo<Label> outputInfo, FitResult fit) {
        String[] classes = new String[outputInfo.size()];
        for (int k = 0; k < classes.length; k++) {
            classes[k] = outputInfo.getOutput(k).getLabel();
        }
        int[] columns = new int[featureMap.size()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = j;
        }
        return new CredenceModel(name, provenance, featureMap, outputInfo, fit.predictive(), fit.testSamples(), classes, columns);
    }

    /** @return the wrapped predictive */
    public Predictive predictive() {
        return predictive;
    }

    /** @return S used by {@code predict} */
    public int samples() {
        return samples;
    }

    /** @return class names, index = dense class id */
    public List<String> classNames() {
        return List.of(classNames);
    }

    /**
     * @param x N×D dense features in this model's column order
     * @param s samples wanted
     * @return the S sampled probability vectors
     */
    public PredictiveSamples predictiveSamples(FMatrixRMaj x, int s) {
        return predictive.sample(x, s);
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        return innerPredict(List.of(example)).get(0);
    }

    /**
     * Per-example predictive uncertainty, the figures a Tribuo {@link Prediction} has no place for: for each example,
     * in order, the mean predictive of the model's S samples (bit for bit the scores {@code predict} gives), its
     * entropy, the samples' expected entropy and their difference, the mutual information
     * ({@link PredictiveUncertainty}). The examples' features are matched by name, as {@code predict} does.
     *
     * @param examples Tribuo examples, e.g. a test dataset
     * @return one entry per example
     * @throws IllegalArgumentException for an example with no feature this model knows
     */
    public List<PredictiveUncertainty> uncertainty(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        PredictiveSamples sampled = predictive.sample(dense(list, new int[list.size()]), samples);
        double[][] mean = sampled.meanProbabilities();
        double[] expected = sampled.expectedEntropies();
        List<String> classes = classNames();
        List<PredictiveUncertainty> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new PredictiveUncertainty(classes, mean[i], Entropy.of(mean[i]), expected[i], sampled.sampleCount()));
        }
        return out;
    }

    /** @return the examples as a dense table in this model's column order; {@code used[row]} = features matched */
    private FMatrixRMaj dense(List<Example<Label>> list, int[] used) {
        int d = columnOfFeatureId.length;
        FMatrixRMaj x = new FMatrixRMaj(list.size(), d);
        for (int row = 0; row < list.size(); row++) {
            for (Feature f : list.get(row)) {
                int id = featureIDMap.getID(f.getName());
                if (id >= 0) {
                    x.data[row * d + columnOfFeatureId[id]] = (float) f.getValue();
                    used[row]++;
                }
            }
            if (used[row] == 0) {
                throw new IllegalArgumentException("example " + row + " has no feature this model knows");
            }
        }
        return x;
    }

    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        List<Example<Label>> list = new ArrayList<>();
        examples.forEach(list::add);
        int[] used = new int[list.size()];
        FMatrixRMaj x = dense(list, used);
        double[][] mean = predictive.sample(x, samples).meanProbabilities();
        List<Prediction<Label>> out = new ArrayList<>(list.size());
        for (int row = 0; row < list.size(); row++) {
            Map<String, Label> scores = new LinkedHashMap<>();
            int best = 0;
            for (int k = 0; k < classNames.length; k++) {
                scores.put(classNames[k], new Label(classNames[k], mean[row][k]));
                if (mean[row][k] > mean[row][best]) {
                    best = k;
                }
            }
            out.add(new Prediction<>(scores.get(classNames[best]), scores, used[row], list.get(row), true));
        }
        return out;
    }

    @Override
    public Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected CredenceModel copy(String newName, ModelProvenance newProvenance) {
        return new CredenceModel(newName, newProvenance, featureIDMap, outputIDInfo, predictive, samples,
                classNames.clone(), columnOfFeatureId.clone());
    }
}

package dev.credence.examples;

import dev.credence.core.tribuo.CredenceModel;
import dev.credence.core.tribuo.PredictiveUncertainty;
import dev.credence.datasets.csv.CsvDatasetSource;
import org.tribuo.DataSource;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.evaluation.TrainTestSplitter;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Credence trainer through a plain Tribuo program, step by step:
 * <ol>
 *   <li>load a CSV with Tribuo's {@link CSVLoader} (a {@code label} column, numeric features) and split it with
 *       {@link TrainTestSplitter};</li>
 *   <li>wrap the trainer in Tribuo's {@link TransformTrainer} with a {@link MeanStdDevTransformation}: the features are
 *       standardised with statistics of the training set, which the {@link TransformedModel} keeps and applies to
 *       every example it predicts, as the harness standardises its data;</li>
 *   <li>train, predict and evaluate with {@link LabelEvaluator};</li>
 *   <li>read each test example's uncertainty from the inner {@link CredenceModel} with
 *       {@link CredenceModel#uncertainty}: mean predictive, entropy, expected entropy, mutual information;</li>
 *   <li>save the model with Java serialisation, load it back and check that it predicts bit for bit the same.</li>
 * </ol>
 */
public final class Walkthrough {
    /** The CSV the examples load unless given another: UCI breast cancer (569 × 30, raw feature scales up to 4 254). */
    public static final URL DEFAULT_DATA = CsvDatasetSource.class.getResource(CsvDatasetSource.RESOURCE_DIR
            + "breast-cancer-wisconsin.csv");

    /**
     * Tribuo's {@code CSVLoader} reads files (a resource inside a jar is not one), so the bundled CSV is copied out.
     *
     * @param dir a folder
     * @return {@link #DEFAULT_DATA} as the file {@code dir/breast-cancer-wisconsin.csv}
     * @throws IOException if it cannot be written
     */
    public static Path defaultData(Path dir) throws IOException {
        Path file = dir.resolve("breast-cancer-wisconsin.csv");
        try (InputStream in = DEFAULT_DATA.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private Walkthrough() {
    }

    /**
     * What a walkthrough found.
     *
     * @param accuracy        test accuracy
     * @param uncertainty     per test example, in test order
     * @param predictions     the model's test predictions
     * @param reloadIdentical whether the reloaded model's predictions equal these bit for bit
     * @param model           the trained model
     * @param test            the test examples, as loaded (not standardised)
     */
    public record Result(double accuracy, List<PredictiveUncertainty> uncertainty, List<Prediction<Label>> predictions,
                         boolean reloadIdentical, TransformedModel<Label> model, MutableDataset<Label> test) {
    }

    /**
     * The program each example's {@code main} runs: {@code [--config FILE.xml] [DATA.csv]}.
     *
     * @param method  the method's name (the component of a configuration file)
     * @param trainer the trainer built in Java, used unless {@code --config} names a file
     * @param args    the command line
     * @throws IOException if the data or the model file cannot be read or written
     */
    static void main(String method, Trainer<Label> trainer, String[] args) throws IOException {
        Trainer<Label> chosen = trainer;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                chosen = Configs.load(Path.of(args[++i]), method);
            } else {
                data = Path.of(args[i]);
            }
        }
        Path work = Files.createTempDirectory("credence-" + method + "-");
        Path modelFile = work.resolve(method + ".model");
        Path csv = data != null ? data : defaultData(work);
        try {
            run(chosen, new CSVLoader<>(new LabelFactory()).loadDataSource(csv, "label"), 1, modelFile, System.out);
        } finally {
            Files.deleteIfExists(modelFile);
            if (data == null) {
                Files.deleteIfExists(csv);
            }
            Files.deleteIfExists(work);
        }
    }

    /**
     * @param trainer   any Tribuo classification trainer; a Credence one gives the uncertainty figures
     * @param source    the examples, e.g. from {@code new CSVLoader<>(new LabelFactory()).loadDataSource(path, "label")}
     * @param seed      the train/test split's seed
     * @param modelFile where the model is saved (written to a temporary file beside it, then moved into place)
     * @param out       where the walkthrough reports
     * @return what it found
     * @throws IOException if the model cannot be written or read back
     */
    public static Result run(Trainer<Label> trainer, DataSource<Label> source, long seed, Path modelFile,
                             PrintStream out) throws IOException {
        TrainTestSplitter<Label> splitter = new TrainTestSplitter<>(source, 0.75, seed);
        MutableDataset<Label> train = new MutableDataset<>(splitter.getTrain());
        MutableDataset<Label> test = new MutableDataset<>(splitter.getTest());

        TransformTrainer<Label> standardised = new TransformTrainer<>(trainer,
                new TransformationMap(List.of(new MeanStdDevTransformation())));
        TransformedModel<Label> model = standardised.train(train);
        List<Prediction<Label>> predictions = model.predict(test);
        LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
        out.printf(Locale.ROOT, "%s: accuracy %.4f, balanced error rate %.4f on %d test examples%n",
                model.getInnerModel().getName(), evaluation.accuracy(), evaluation.balancedErrorRate(), test.size());

        CredenceModel credence = (CredenceModel) model.getInnerModel();
        List<PredictiveUncertainty> uncertainty = credence.uncertainty(model.getTransformerMap().transformDataset(test));
        for (int i = 0; i < Math.min(3, uncertainty.size()); i++) {
            PredictiveUncertainty u = uncertainty.get(i);
            out.printf(Locale.ROOT, "  example %d (%s): predicted %s, entropy %.4f = expected entropy %.4f"
                            + " + mutual information %.4f (S = %d)%n", i, test.getExample(i).getOutput().getLabel(),
                    predictions.get(i).getOutput().getLabel(), u.entropy(), u.expectedEntropy(), u.mutualInformation(),
                    u.samples());
        }

        save(model, modelFile);
        Model<Label> reloaded = load(modelFile);
        boolean identical = sameBits(predictions, reloaded.predict(test));
        out.println("  saved to " + modelFile + " and reloaded: predictions " + (identical ? "bit-identical" : "DIFFER"));
        return new Result(evaluation.accuracy(), uncertainty, predictions, identical, model, test);
    }

    /**
     * @param a predictions
     * @param b predictions of the same examples
     * @return whether every predicted label and every class score is the same double
     */
    public static boolean sameBits(List<Prediction<Label>> a, List<Prediction<Label>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Map<String, Label> x = a.get(i).getOutputScores();
            Map<String, Label> y = b.get(i).getOutputScores();
            if (!a.get(i).getOutput().getLabel().equals(b.get(i).getOutput().getLabel()) || !x.keySet().equals(y.keySet())) {
                return false;
            }
            for (String k : x.keySet()) {
                if (Double.doubleToLongBits(x.get(k).getScore()) != Double.doubleToLongBits(y.get(k).getScore())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Saves a model with Java serialisation, atomically: a temporary file beside the target, then a rename.
     *
     * @param model the model
     * @param file  where
     * @throws IOException if writing fails
     */
    public static void save(Model<Label> model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ObjectOutputStream oos = new ObjectOutputStream(os)) {
                oos.writeObject(model);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * @param file a model saved by {@link #save}
     * @return the model
     * @throws IOException if reading fails or the file holds no model
     */
    @SuppressWarnings("unchecked")
    public static Model<Label> load(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file); ObjectInputStream ois = new ObjectInputStream(is)) {
            return (Model<Label>) ois.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(file + " holds a class not on the class path: " + e.getMessage(), e);
        }
    }
}

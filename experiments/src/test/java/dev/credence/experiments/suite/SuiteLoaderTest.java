package dev.credence.experiments.suite;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.datasets.DatasetRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad suite gives one line naming the file and the field (or line and column). */
class SuiteLoaderTest {
    @TempDir
    Path dir;

    static final String GOOD_DATASETS = "\"datasets\": [{\"source\": \"glass\"}]";
    static final String GOOD_METHODS = "\"methods\": [{\"method\": \"map\"}]";

    Path write(String json) throws IOException {
        Path f = dir.resolve("s.json");
        Files.writeString(f, json);
        return f;
    }

    String error(String json) throws IOException {
        Path f = write(json);
        String m = assertThrows(CredenceInputException.class, () -> {
            Suite s = SuiteLoader.load(f);
            new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(f, s);
        }).getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.startsWith(f.toString()), m);
        return m.substring(f.toString().length());
    }

    @Test
    void aGoodSuiteLoadsWithDefaults() throws IOException {
        Suite s = SuiteLoader.load(write("{\"name\": \"t\", \"seeds\": [0, 1], " + GOOD_DATASETS + ", " + GOOD_METHODS + "}"));
        assertEquals(2, s.runs().size());
        assertEquals("glass__map__seed1", s.runs().get(1).id());
        assertEquals(15, s.bins());
        assertEquals(0.25, s.datasets().get(0).testFraction());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        String m = error("{\"name\": \"t\",\n  \"seeds\": [0 1]}");
        assertTrue(m.startsWith(": line 2, column 15: malformed JSON"), m);
    }

    @Test
    void unknownFieldIsNamedWithItsPlace() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glass\", \"imbalanc\": \"natural\"}], " + GOOD_METHODS + "}");
        assertTrue(m.contains("unknown field 'imbalanc'; did you mean 'imbalance'?"), m);
        assertTrue(m.contains("(in 'datasets[0]')"), m);
    }

    @Test
    void csvOptionsAreFieldsOfTheEntryAndParamsOnACsvSourceAreNamed() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glass\", \"params\": {\"label\": \"type\"}}], "
                + GOOD_METHODS + "}");
        assertTrue(m.startsWith(": datasets[0] (glass): CSV sources take no `params`; did you mean `label_column`?"), m);
        Path csv = Files.writeString(dir.resolve("d.csv"), "a,label\n1,x\n2,y\n");
        m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"csv:" + csv + "\", \"params\": {\"mising\": 1}}], "
                + GOOD_METHODS + "}");
        assertTrue(m.contains("CSV sources take no `params`; did you mean `missing`?"), m);
        m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"two-moons\", \"label_column\": \"y\"}], "
                + GOOD_METHODS + "}");
        assertTrue(m.contains("datasets[0] (two-moons): `label_column`, `missing` and `categorical` apply to CSV sources only"), m);
        m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glass\", \"missing\": \"skip\"}], "
                + GOOD_METHODS + "}");
        assertTrue(m.contains("'datasets[0]': 'missing' must be \"error\" or \"drop_rows\", got 'skip'"), m);
        Suite s = SuiteLoader.load(write("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glass\", "
                + "\"label_column\": \"type\", \"missing\": \"drop_rows\", \"categorical\": [\"ri\"]}], " + GOOD_METHODS + "}"));
        assertEquals(new dev.credence.datasets.csv.CsvOptions("type", dev.credence.datasets.csv.CsvOptions.Missing.DROP_ROWS,
                java.util.List.of("ri")), s.datasets().get(0).csv());
    }

    @Test
    void unknownMethodSuggestsTheNearest() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], " + GOOD_DATASETS + ", \"methods\": [{\"method\": \"mapp\"}]}");
        assertTrue(m.startsWith(": methods[0] (mapp): unknown method 'mapp'; did you mean 'map'? known: "), m);
    }

    @Test
    void unknownDatasetSuggestsTheNearest() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glas\"}], " + GOOD_METHODS + "}");
        assertTrue(m.startsWith(": datasets[0] (glas): unknown dataset 'glas'; did you mean 'glass'?"), m);
    }

    @Test
    void hyperparameterOutOfRangeOrWrongTypeIsNamed() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], " + GOOD_DATASETS + ", \"methods\": [{\"method\": \"map\", \"params\": {\"epochs\": -1}}]}");
        assertEquals(": methods[0] (map): hyperparameter 'epochs' must be an integer in [1, 100000], got -1", m);
        m = error("{\"name\": \"t\", \"seeds\": [0], " + GOOD_DATASETS + ", \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": \"64\"}}]}");
        assertEquals(": methods[0] (map): hyperparameter 'hidden' must be a list of integers in [1, 65536], got \"64\"", m);
    }

    @Test
    void emptyAndDuplicateSeedsAndDuplicateNamesAreRejected() throws IOException {
        assertTrue(error("{\"name\": \"t\", \"seeds\": [], " + GOOD_DATASETS + ", " + GOOD_METHODS + "}")
                .startsWith(": field 'seeds' is empty"));
        assertTrue(error("{\"name\": \"t\", \"seeds\": [1, 1], " + GOOD_DATASETS + ", " + GOOD_METHODS + "}")
                .startsWith(": field 'seeds' repeats a seed"));
        assertTrue(error("{\"name\": \"t\", \"seeds\": [0], " + GOOD_DATASETS + ", \"methods\": [{\"method\": \"map\"}, {\"method\": \"map\"}]}")
                .startsWith(": field 'methods' has two entries named 'map'"));
    }

    @Test
    void missingRequiredFieldAndWrongTypeAreNamed() throws IOException {
        String m = error("{\"name\": \"t\", " + GOOD_DATASETS + ", " + GOOD_METHODS + "}");
        assertTrue(m.contains("seeds"), m);
        m = error("{\"name\": \"t\", \"seeds\": [\"zero\"], " + GOOD_DATASETS + ", " + GOOD_METHODS + "}");
        assertTrue(m.contains("field 'seeds[0]'"), m);
    }

    @Test
    void crossFieldHyperparameterConflictsAreCaughtBeforeTraining() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], " + GOOD_DATASETS
                + ", \"methods\": [{\"method\": \"bbb\", \"params\": {\"estimator\": \"local_reparam\", \"prior\": \"scale_mixture\"}}]}");
        assertTrue(m.startsWith(": methods[0] (bbb): method 'bbb': hyperparameters 'estimator'"), m);
    }

    @Test
    void badImbalanceProfileIsNamed() throws IOException {
        String m = error("{\"name\": \"t\", \"seeds\": [0], \"datasets\": [{\"source\": \"glass\", \"imbalance\": \"longtail(0.5)\"}], " + GOOD_METHODS + "}");
        assertTrue(m.startsWith(": datasets[0] (glass-longtail(0.5)): "), m);
        assertTrue(m.contains("0.5"), m);
    }

    private static String withDataset(String dataset) {
        return "{\"name\": \"t\", \"seeds\": [0], \"datasets\": [" + dataset + "], " + GOOD_METHODS + "}";
    }

    @Test
    void aClassOrderIsCheckedBeforeAnyData() throws IOException {
        String m = error(withDataset("{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"class_order\": []}"));
        assertEquals(": datasets[0] (glass-longtail(10)): field 'class_order' is empty; list every class label once,"
                + " largest first", m);
        m = error(withDataset("{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"class_order\": [\"tableware\", \"vehicle\", \"tableware\"]}"));
        assertEquals(": datasets[0] (glass-longtail(10)): field 'class_order' lists 'tableware' twice; list every class once", m);
        m = error(withDataset("{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"class_order\": [\"tableware\", null]}"));
        assertTrue(m.contains("field 'class_order' holds a null"), m);
        m = error(withDataset("{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"class_order\": \"tableware\"}"));
        assertTrue(m.contains("class_order"), m);
        m = error(withDataset("{\"source\": \"glass\", \"class_order\": [\"tableware\"]}"));
        assertTrue(m.startsWith(": datasets[0] (glass): field 'class_order' ranks the classes for an imbalance profile,"
                + " and 'natural' has none"), m);
    }

    @Test
    void aTestProfileIsOwnOrTrainAndNamesItsDataset() throws IOException {
        String m = error(withDataset("{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"test_profile\": \"balanced\"}"));
        assertTrue(m.contains("field 'test_profile' must be 'own' (the test set's own distribution) or 'train'"), m);
        assertTrue(m.contains("got 'balanced'"), m);
        m = error(withDataset("{\"source\": \"glass\", \"test_profile\": \"train\"}"));
        assertTrue(m.startsWith(": datasets[0] (glass-imbalanced-test): field 'test_profile' 'train'"), m);
        Suite s = SuiteLoader.load(write("{\"name\": \"t\", \"seeds\": [0], \"datasets\": ["
                + "{\"source\": \"glass\", \"imbalance\": \"longtail(10)\"},"
                + "{\"source\": \"glass\", \"imbalance\": \"longtail(10)\", \"test_profile\": \"train\"}], " + GOOD_METHODS + "}"));
        assertEquals(List.of("glass-longtail(10)", "glass-longtail(10)-imbalanced-test"),
                s.datasets().stream().map(DatasetEntry::name).toList(), "one suite lists both test conditions");
        assertEquals(dev.credence.datasets.DataPreparation.TestProfile.OWN, s.datasets().get(0).testProfile());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.json");
        String m = assertThrows(CredenceInputException.class, () -> SuiteLoader.load(f)).getMessage();
        assertEquals(f + ": suite file not found", m);
    }
}

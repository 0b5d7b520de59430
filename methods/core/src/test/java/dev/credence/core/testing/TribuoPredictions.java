package dev.credence.core.testing;

import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a trained Tribuo model predicts, checked the way every method's Tribuo-path test checks it. */
public final class TribuoPredictions {
    private TribuoPredictions() {
    }

    /**
     * @param model a trained model
     * @param test  examples to predict
     * @return Tribuo's accuracy on {@code test}, after asserting that every prediction's scores sum to 1 (within 1e-5)
     */
    public static double checkedAccuracy(Model<Label> model, Dataset<Label> test) {
        for (Prediction<Label> prediction : model.predict(test)) {
            double sum = prediction.getOutputScores().values().stream().mapToDouble(Label::getScore).sum();
            assertEquals(1.0, sum, 1e-5);
        }
        return new LabelEvaluator().evaluate(model, test).accuracy();
    }
}

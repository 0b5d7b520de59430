package dev.credence.datasets.prep;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.datasets.DataPreparation;
import dev.credence.datasets.PreparedData;
import dev.credence.datasets.synthetic.GaussianBlobsSource;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldOutClassesTest {

    @Test
    void keptClassesAreRenumberedInOrderAndHeldOnesInTheOrderNamed() {
        FMatrixRMaj x = new FMatrixRMaj(5, 1);
        x.data = new float[]{0, 1, 2, 3, 4};
        DenseData d = new DenseData(x, new int[]{0, 1, 2, 3, 1}, List.of("a", "b", "c", "d"), List.of("f"));
        HeldOutClasses split = HeldOutClasses.of(List.of("d", "b"), d.classNames());
        DenseData kept = split.kept(d);
        assertEquals(List.of("a", "c"), kept.classNames());
        assertArrayEquals(new int[]{0, 1}, kept.y());
        assertArrayEquals(new float[]{0, 2}, kept.x().data);
        DenseData held = split.held(d);
        assertEquals(List.of("d", "b"), held.classNames());
        assertArrayEquals(new int[]{1, 0, 1}, held.y());
        assertArrayEquals(new float[]{1, 3, 4}, held.x().data);
        assertArrayEquals(new int[]{10, 30}, split.keep(new int[]{10, 20, 30, 40}));
    }

    @Test
    void unknownClassesAndTooFewLeftAreRefused() {
        List<String> classes = List.of("a", "b", "c");
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> HeldOutClasses.of(List.of("z"), classes));
        assertEquals("field 'ood_classes': 'z' is not a class; classes: a, b, c", e.getMessage());
        e = assertThrows(CredenceInputException.class, () -> HeldOutClasses.of(List.of("a", "b"), classes));
        assertTrue(e.getMessage().contains("at least two must remain"), e.getMessage());
    }

    @Test
    void preparationHoldsTheClassesOutOfEveryPartAndRanksTheRest() {
        GaussianBlobsSource blobs = GaussianBlobsSource.defaults();
        DataPreparation plain = new DataPreparation(0.25, 0.2, ImbalanceProfile.parse("longtail(4)"), true);
        PreparedData all = plain.prepare(blobs, 3L);
        String heldName = all.classNames().get(1);
        PreparedData open = plain.withHeldOutClasses(List.of(heldName)).prepare(blobs, 3L);
        assertEquals(all.classNames().size() - 1, open.classNames().size());
        assertTrue(!open.classNames().contains(heldName));
        assertEquals(all.testCounts()[1], open.heldOut().size(), "the held class's whole test part is the OOD set");
        assertEquals(List.of(heldName), open.heldOut().classNames());
        assertEquals(all.train().numFeatures(), open.heldOut().numFeatures());
        assertEquals(open.train().classNames(), open.test().classNames());
        assertEquals(null, all.heldOut());
        // the profile ranks the remaining classes: the largest keeps n_max, the ratio is the profile's
        int[] counts = open.trainCounts();
        int[] v = open.validationCounts();
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int c = 0; c < counts.length; c++) {
            max = Math.max(max, counts[c] + v[c]);
            min = Math.min(min, counts[c] + v[c]);
        }
        assertEquals(4.0, (double) max / min, 0.5);
        CredenceInputException e = assertThrows(CredenceInputException.class,
                () -> plain.withHeldOutClasses(List.of("nope")).prepare(blobs, 3L));
        assertTrue(e.getMessage().startsWith("dataset '"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'ood_classes': 'nope' is not a class"), e.getMessage());
    }
}

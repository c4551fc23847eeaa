package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.scenario.Access;
import dev.mastersim.scenario.Granule;
import dev.mastersim.scenario.Step;
import dev.mastersim.scenario.Table;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Each access distribution hits its granules at the frequencies it promises. */
final class KeyChooserTest {
    private static final int DRAWS = 200_000;
    private static final long TABLE_2 = 2L << KeyChooser.TABLE_SHIFT;

    private static KeyChooser chooser(long rows, int rowsPerPage, Granule granule, Access access) {
        return new KeyChooser(
                new Step("t", 1, 1.0, granule, access),
                new Table("t", rows, rowsPerPage),
                2,
                RandomSource.XO_SHI_RO_256_PP.create(11L));
    }

    /** Asserts that {@code hits} of {@link #DRAWS} is binomial with {@code p}, within 4.5 standard deviations. */
    private static void assertFrequency(long hits, double p) {
        double sd = Math.sqrt(DRAWS * p * (1 - p));
        assertThat((double) hits).isBetween(DRAWS * p - 4.5 * sd, DRAWS * p + 4.5 * sd);
    }

    @Test
    void zipfHitsRankKWithProbabilityKToTheMinusSOverTheHarmonicNumber() {
        int rows = 100;
        double s = 1.1;
        KeyChooser k = chooser(rows, 100, Granule.ROW, new Access.Zipf(s));
        long[] hits = new long[rows];
        for (int i = 0; i < DRAWS; i++) {
            long g = k.next();
            assertThat(g & ~((1L << KeyChooser.TABLE_SHIFT) - 1)).isEqualTo(TABLE_2);
            hits[(int) (g - TABLE_2)]++;
        }
        double h = 0;
        for (int r = 1; r <= rows; r++) {
            h += Math.pow(r, -s);
        }
        for (int rank : new int[] {1, 2, 10, 100}) {
            assertFrequency(hits[rank - 1], Math.pow(rank, -s) / h);
        }
    }

    @Test
    void aHotSetTakesItsShareOfDrawsSpreadEvenlyOverItsRows() {
        KeyChooser k = chooser(1000, 100, Granule.ROW, new Access.HotSet(0.10, 0.90));
        long hot = 0;
        long row0 = 0;
        long row999 = 0;
        for (int i = 0; i < DRAWS; i++) {
            long row = k.next() - TABLE_2;
            hot += row < 100 ? 1 : 0;
            row0 += row == 0 ? 1 : 0;
            row999 += row == 999 ? 1 : 0;
        }
        assertFrequency(hot, 0.90);
        assertFrequency(row0, 0.90 / 100);
        assertFrequency(row999, 0.10 / 900);
    }

    @Test
    void pageAndTableGranulesGroupTheDrawnRows() {
        KeyChooser pages = chooser(1000, 100, Granule.PAGE, new Access.Uniform());
        KeyChooser table = chooser(1000, 100, Granule.TABLE, new Access.Uniform());
        long[] perPage = new long[10];
        for (int i = 0; i < DRAWS; i++) {
            long page = pages.next() - TABLE_2;
            assertThat(page).isEqualTo(pages.lastRow() / 100);
            perPage[(int) page]++;
            assertThat(table.next()).isEqualTo(TABLE_2);
        }
        for (long c : perPage) {
            assertFrequency(c, 0.1);
        }
    }
}

package ai.activation.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;

/**
 * JFreeChart's 1-2-5 tick sizes of any magnitude, with labels that tell neighbouring
 * ticks apart at any magnitude and read the same whatever the JVM's locale (a point, no
 * grouping), so that a graph's bytes do not depend on where it is drawn.
 *
 * <p>
 * A label has the decimals the tick size needs, e.g. 999999.9999999 for ticks 1e-7 apart,
 * unless that takes more than {@value #MAX_PLAIN_LENGTH} characters; then it is
 * scientific with the significant digits the size needs, e.g. -3.5E+307 or 5E-300. The
 * tick at zero reads 0 (0.0, 0.00, ...) even when the arithmetic of the tick positions
 * leaves a residue such as -2.7E-17. Not thread-safe, like the source it wraps: make one
 * per chart.
 */
final class ReadableTickUnits implements TickUnitSource {

	/** Longer plain labels are written in scientific notation. */
	static final int MAX_PLAIN_LENGTH = 16;

	/** A tick closer to zero than this fraction of the tick size is labelled 0. */
	private static final double ZERO_RESIDUE = 1e-9;

	/** The smallest tick size, far below any range a graph can have. */
	private static final double MIN_SIZE = 1e-300;

	/**
	 * The largest tick size: 18 ticks span the doubles, and the next sizes of the 1-2-5
	 * sequence would overflow.
	 */
	private static final double MAX_SIZE = 1e307;

	private final NumberTickUnitSource source = new NumberTickUnitSource();

	@Override
	public TickUnit getLargerTickUnit(TickUnit unit) {
		// Through the source's own unit, whose equality with its ceiling lets it step up.
		TickUnit larger = this.source.getLargerTickUnit(this.source.getCeilingTickUnit(bounded(unit.getSize())));
		return (larger.getSize() <= MAX_SIZE) ? label(larger) : getCeilingTickUnit(MAX_SIZE);
	}

	@Override
	public TickUnit getCeilingTickUnit(TickUnit unit) {
		return getCeilingTickUnit(unit.getSize());
	}

	@Override
	public TickUnit getCeilingTickUnit(double size) {
		return label(this.source.getCeilingTickUnit(bounded(size)));
	}

	/**
	 * Keeps a size where the source terminates: the axis asks for 0, infinite or
	 * overflowing sizes when its range spans nearly all doubles, and the source steps
	 * through every power of ten down from 10^-2147483648 for 0.
	 */
	private static double bounded(double size) {
		return (size >= MIN_SIZE) ? Math.min(size, MAX_SIZE) : MIN_SIZE;
	}

	private static TickUnit label(TickUnit unit) {
		return new Labelled(unit.getSize(), unit.getMinorTickCount());
	}

	/**
	 * Writes a tick value.
	 * @param value the tick's value
	 * @param size the distance between ticks, positive
	 * @return the label
	 */
	static String label(double value, double size) {
		double tick = (Math.abs(value) < size * ZERO_RESIDUE) ? 0.0 : value;
		int sizePower = (int) Math.floor(Math.log10(size));
		String plain = BigDecimal.valueOf(tick)
			.setScale(Math.max(0, -sizePower), RoundingMode.HALF_EVEN)
			.toPlainString();
		if (plain.length() <= MAX_PLAIN_LENGTH) {
			return plain;
		}
		// Rounded to the tick size's power of ten, then only the digits that are not
		// trailing zeros: BigDecimal writes a negative scale in scientific notation.
		return BigDecimal.valueOf(tick).setScale(-sizePower, RoundingMode.HALF_EVEN).stripTrailingZeros().toString();
	}

	private static final class Labelled extends NumberTickUnit {

		Labelled(double size, int minorTickCount) {
			super(size, new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT)), minorTickCount);
		}

		@Override
		public String valueToString(double value) {
			return label(value, getSize());
		}

	}

}

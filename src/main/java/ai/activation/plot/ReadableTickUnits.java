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
 * scientific with the significant digits the size needs, e.g. -1E+307. The tick at zero
 * reads 0 (0.0, 0.00, ...) even when the arithmetic of the tick positions leaves a
 * residue such as -2.7E-17. Not thread-safe, like the source it wraps: make one per
 * chart.
 */
final class ReadableTickUnits implements TickUnitSource {

	/** Longer plain labels are written in scientific notation. */
	static final int MAX_PLAIN_LENGTH = 16;

	/** A tick closer to zero than this fraction of the tick size is labelled 0. */
	private static final double ZERO_RESIDUE = 1e-9;

	/** The most significant digits a scientific label shows after the point. */
	private static final int MAX_FRACTION_DIGITS = 15;

	private final NumberTickUnitSource source = new NumberTickUnitSource();

	@Override
	public TickUnit getLargerTickUnit(TickUnit unit) {
		// Through the source's own unit, whose equality with its ceiling lets it step up.
		return label(this.source.getLargerTickUnit(this.source.getCeilingTickUnit(unit.getSize())));
	}

	@Override
	public TickUnit getCeilingTickUnit(TickUnit unit) {
		return getCeilingTickUnit(unit.getSize());
	}

	@Override
	public TickUnit getCeilingTickUnit(double size) {
		return label(this.source.getCeilingTickUnit(size));
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
		// Only values far from zero are this long, so their logarithm is finite.
		int valuePower = (int) Math.floor(Math.log10(Math.abs(tick)));
		int digits = Math.max(0, Math.min(MAX_FRACTION_DIGITS, valuePower - sizePower));
		return String.format(Locale.ROOT, "%." + digits + "E", tick);
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

package ai.activation.plot;

import java.math.BigDecimal;
import java.util.List;

import ai.activation.catalog.Range;
import ai.activation.engine.InvalidParameterException;
import ai.activation.engine.ParameterText;

/**
 * The x range of a graph, from the {@code from} and {@code to} query parameters: plain
 * finite decimals within {@link PlotProperties#bound()}, {@code from < to}, and a span
 * within {@link PlotProperties#minSpan()} and {@link PlotProperties#maxSpan()}.
 *
 * @param from the left end, included
 * @param to the right end, included
 */
record PlotRange(double from, double to) {

	/** The query parameter of the left end. */
	static final String FROM = "from";

	/** The query parameter of the right end. */
	static final String TO = "to";

	/** Numbers longer than this in plain notation are written in scientific notation. */
	private static final int MAX_PLAIN_LENGTH = 20;

	/**
	 * Reads the range from the query parameters.
	 * @param from every value given for {@code from}; empty when omitted
	 * @param to every value given for {@code to}; empty when omitted
	 * @param properties the defaults and limits
	 * @return the range
	 * @throws InvalidParameterException naming {@code from} or {@code to} if either is
	 * repeated, malformed, not finite or beyond the bound, or if the span is empty or out
	 * of the limits
	 */
	static PlotRange of(List<String> from, List<String> to, PlotProperties properties) {
		return of(from, to, properties, Range.ANY);
	}

	/**
	 * Reads the range from the query parameters, for a function defined on {@code domain}
	 * only: an omitted {@code from} left of the domain's lower end becomes that end plus
	 * 1/400 of the way to {@code to} (log1mexp, x &gt; 0: 0.015 for the default
	 * {@code to} of 6), so that the default graph has no gap.
	 * @param from every value given for {@code from}; empty when omitted
	 * @param to every value given for {@code to}; empty when omitted
	 * @param properties the defaults and limits
	 * @param domain where the function is defined ({@link Range#ANY} for most)
	 * @return the range
	 * @throws InvalidParameterException as {@link #of(List, List, PlotProperties)}
	 */
	static PlotRange of(List<String> from, List<String> to, PlotProperties properties, Range domain) {
		double fallback = properties.from();
		if (from.isEmpty() && Double.isFinite(domain.min()) && domain.min() >= fallback) {
			double right = parse(TO, to, properties.to(), properties);
			fallback = domain.min() + (right - domain.min()) / 400;
		}
		double left = parse(FROM, from, fallback, properties);
		double right = parse(TO, to, properties.to(), properties);
		// Blame the end the caller gave; when both or neither were given, the left one.
		String blamed = (from.isEmpty() && !to.isEmpty()) ? TO : FROM;
		if (!(left < right)) {
			throw new InvalidParameterException(blamed, allowed(properties),
					"The range must have from < to, but from = " + plain(left) + " and to = " + plain(right) + ".");
		}
		double span = right - left;
		if (span > properties.maxSpan() || span < properties.minSpan()) {
			throw new InvalidParameterException(blamed, allowed(properties),
					"The range to - from must lie in [" + plain(properties.minSpan()) + ", "
							+ plain(properties.maxSpan()) + "], but it is " + plain(span) + " (from = " + plain(left)
							+ ", to = " + plain(right) + ").");
		}
		return new PlotRange(left, right);
	}

	/**
	 * Returns the evenly spaced sample points, both ends included exactly.
	 * @param count the number of samples, at least 2
	 * @return the x values, increasing
	 */
	double[] samples(int count) {
		double[] x = new double[count];
		int last = count - 1;
		for (int i = 0; i < count; i++) {
			// Weighted ends rather than from + i * step: exact at both ends, and exactly
			// 0
			// in the middle of a symmetric range.
			x[i] = (this.from * (last - i) + this.to * i) / last;
		}
		x[0] = this.from;
		x[last] = this.to;
		return x;
	}

	private static double parse(String name, List<String> given, double fallback, PlotProperties properties) {
		if (given.isEmpty()) {
			return fallback;
		}
		ParameterText.requireOnce(name, given.size(), allowed(properties));
		String raw = given.get(0);
		if (!ParameterText.DECIMAL.matcher(raw).matches()) {
			throw new InvalidParameterException(name, allowed(properties),
					"Parameter '" + name + "' must be a finite plain decimal number such as -6 or 2.5e1, but was '"
							+ ParameterText.echo(raw) + "'.");
		}
		double value = Double.parseDouble(raw);
		if (!(Math.abs(value) <= properties.bound())) {
			throw new InvalidParameterException(name, allowed(properties),
					"Parameter '" + name + "' must lie in [" + plain(-properties.bound()) + ", "
							+ plain(properties.bound()) + "], but was '" + ParameterText.echo(raw) + "'.");
		}
		return value;
	}

	private static String allowed(PlotProperties properties) {
		return "finite decimal numbers from < to in [" + plain(-properties.bound()) + ", " + plain(properties.bound())
				+ "], with to - from in [" + plain(properties.minSpan()) + ", " + plain(properties.maxSpan()) + "]";
	}

	private static String plain(double value) {
		String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
		return (plain.length() <= MAX_PLAIN_LENGTH) ? plain : Double.toString(value);
	}

}

package ai.activation.catalog;

/**
 * An interval of allowed numbers, optionally excluding zero.
 *
 * @param min the lower bound, or −∞
 * @param minInclusive whether {@code min} itself is allowed
 * @param max the upper bound, or +∞
 * @param maxInclusive whether {@code max} itself is allowed
 * @param excludesZero whether zero is excluded from the interval
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive, boolean excludesZero) {

	/** Every finite number. */
	public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, false);

	/** The numbers greater than zero. */
	public static final Range POSITIVE = new Range(0, false, Double.POSITIVE_INFINITY, false, false);

	/** The numbers at least zero. */
	public static final Range NON_NEGATIVE = new Range(0, true, Double.POSITIVE_INFINITY, false, false);

	/** The numbers at least one. */
	public static final Range AT_LEAST_ONE = new Range(1, true, Double.POSITIVE_INFINITY, false, false);

	/** Every finite number but zero. */
	public static final Range NON_ZERO = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
			true);

	/**
	 * Tells whether a finite number lies in the range.
	 * @param value the number
	 * @return {@code true} if allowed
	 */
	public boolean contains(double value) {
		boolean aboveMin = this.minInclusive ? value >= this.min : value > this.min;
		boolean belowMax = this.maxInclusive ? value <= this.max : value < this.max;
		return aboveMin && belowMax && !(this.excludesZero && value == 0);
	}

	@Override
	public String toString() {
		String lower = (this.minInclusive ? "[" : "(") + bound(this.min);
		String upper = bound(this.max) + (this.maxInclusive ? "]" : ")");
		return lower + ", " + upper + (this.excludesZero ? " except 0" : "");
	}

	private static String bound(double value) {
		if (Double.isInfinite(value)) {
			return (value < 0) ? "-inf" : "inf";
		}
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? Long.toString((long) value)
				: Double.toString(value);
	}

}

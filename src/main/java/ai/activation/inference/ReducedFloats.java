package ai.activation.inference;

/**
 * The 16-bit floating-point formats of the binary tensor data extension: {@code FP16},
 * IEEE 754 binary16 (1 sign bit, 5 exponent bits with bias 15, 10 fraction bits), and
 * {@code BF16}, bfloat16, the top half of a binary32 (1 sign bit, 8 exponent bits with
 * bias 127, 7 fraction bits). Java 17 has neither ({@code Float.float16ToFloat} came in
 * Java 20), so both are decoded and encoded here from their bit layouts.
 *
 * <p>
 * Decoding is exact: every value of either format is a double. Encoding rounds a double
 * once, to the nearest value of the format, ties to even, subnormals included; it is not
 * a round trip through {@code float}, whose double rounding could land one unit off. A
 * double beyond the format's largest finite value by half a unit or more has no finite
 * encoding, and {@link #OVERFLOW} says so.
 */
final class ReducedFloats {

	/** What the encoders return for a value beyond the format's range. */
	static final int OVERFLOW = -1;

	/** IEEE 754 binary16. */
	static final Format FP16 = new Format(5, 10);

	/** bfloat16. */
	static final Format BF16 = new Format(8, 7);

	private ReducedFloats() {
	}

	/**
	 * A binary floating-point format of 16 bits or fewer, with subnormals.
	 *
	 * @param exponentBits the width of the exponent field
	 * @param fractionBits the width of the fraction field
	 */
	record Format(int exponentBits, int fractionBits) {

		private int bias() {
			return (1 << (this.exponentBits - 1)) - 1;
		}

		private int minExponent() {
			return 1 - bias();
		}

		private int maxField() {
			return (1 << this.exponentBits) - 1;
		}

		/**
		 * Decodes the bits of one value.
		 * @param bits the value's bits in the low 16 bits
		 * @return the value, exactly; infinities and NaN as such
		 */
		double decode(int bits) {
			int fraction = bits & ((1 << this.fractionBits) - 1);
			int field = (bits >>> this.fractionBits) & maxField();
			boolean negative = ((bits >>> (this.fractionBits + this.exponentBits)) & 1) != 0;
			double magnitude;
			if (field == maxField()) {
				magnitude = (fraction == 0) ? Double.POSITIVE_INFINITY : Double.NaN;
			}
			else if (field == 0) {
				magnitude = Math.scalb((double) fraction, minExponent() - this.fractionBits);
			}
			else {
				magnitude = Math.scalb((double) ((1 << this.fractionBits) | fraction),
						field - bias() - this.fractionBits);
			}
			return negative ? -magnitude : magnitude;
		}

		/**
		 * Encodes a finite double, rounded to the nearest value of the format, ties to
		 * even.
		 * @param value a finite double
		 * @return the bits in the low 16 bits, or {@link #OVERFLOW} if the value rounds
		 * beyond the largest finite value of the format
		 */
		int encode(double value) {
			int sign = (Double.doubleToRawLongBits(value) < 0) ? 1 << (this.fractionBits + this.exponentBits) : 0;
			double magnitude = Math.abs(value);
			// The spacing of the format's values around the magnitude: 2^(e -
			// fractionBits)
			// with e its binary exponent, never below that of the subnormals. Dividing by
			// a
			// power of two is exact, and Math.rint rounds half to even.
			int exponent = Math.max(Math.getExponent(magnitude), minExponent());
			double quantum = Math.scalb(1.0, exponent - this.fractionBits);
			double rounded = Math.rint(magnitude / quantum) * quantum;
			if (rounded == 0) {
				return sign;
			}
			int roundedExponent = Math.getExponent(rounded);
			if (roundedExponent > bias()) {
				return OVERFLOW;
			}
			if (roundedExponent < minExponent()) {
				return sign | (int) Math.scalb(rounded, this.fractionBits - minExponent());
			}
			int fraction = (int) Math.scalb(rounded, this.fractionBits - roundedExponent) - (1 << this.fractionBits);
			return sign | ((roundedExponent + bias()) << this.fractionBits) | fraction;
		}

	}

}

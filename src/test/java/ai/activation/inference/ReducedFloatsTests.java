package ai.activation.inference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FP16 and BF16 against independent definitions: decoding every one of the 65,536 bit
 * patterns, and encoding checked against an exhaustive nearest-value search in exact
 * decimal arithmetic, ties to even, at every tie between neighbours, next to every tie,
 * and at random doubles of every magnitude.
 */
class ReducedFloatsTests {

	@Test
	void fp16DecodesEveryBitPatternAsIeeeBinary16Defines() {
		for (int bits = 0; bits < 0x10000; bits++) {
			int sign = bits >>> 15;
			int exponent = (bits >>> 10) & 0x1F;
			int fraction = bits & 0x3FF;
			double expected;
			if (exponent == 0x1F) {
				expected = (fraction == 0) ? Double.POSITIVE_INFINITY : Double.NaN;
			}
			else if (exponent == 0) {
				expected = fraction / 1024.0 * Math.pow(2, -14);
			}
			else {
				expected = (1 + fraction / 1024.0) * Math.pow(2, exponent - 15);
			}
			expected = (sign == 1) ? -expected : expected;
			assertThat(Double.valueOf(ReducedFloats.FP16.decode(bits))).as("0x%04x", bits)
				.isEqualTo(Double.valueOf(expected));
		}
	}

	@Test
	void bf16DecodesEveryBitPatternAsTheTopHalfOfAFloat() {
		for (int bits = 0; bits < 0x10000; bits++) {
			double expected = Float.intBitsToFloat(bits << 16);
			assertThat(Double.valueOf(ReducedFloats.BF16.decode(bits))).as("0x%04x", bits)
				.isEqualTo(Double.valueOf(expected));
		}
	}

	@Test
	void fp16EncodesKnownValues() {
		assertThat(ReducedFloats.FP16.encode(1.0)).isEqualTo(0x3C00);
		assertThat(ReducedFloats.FP16.encode(-2.0)).isEqualTo(0xC000);
		assertThat(ReducedFloats.FP16.encode(65504.0)).isEqualTo(0x7BFF);
		assertThat(ReducedFloats.FP16.encode(65519.99)).isEqualTo(0x7BFF);
		assertThat(ReducedFloats.FP16.encode(65520.0)).isEqualTo(ReducedFloats.OVERFLOW);
		assertThat(ReducedFloats.FP16.encode(Math.pow(2, -24))).isEqualTo(0x0001);
		assertThat(ReducedFloats.FP16.encode(Math.pow(2, -25))).isEqualTo(0x0000);
		assertThat(ReducedFloats.FP16.encode(Math.nextUp(Math.pow(2, -25)))).isEqualTo(0x0001);
		assertThat(ReducedFloats.FP16.encode(-0.0)).isEqualTo(0x8000);
		assertThat(ReducedFloats.FP16.encode(1e-300)).isEqualTo(0x0000);
		assertThat(ReducedFloats.FP16.encode(Double.MAX_VALUE)).isEqualTo(ReducedFloats.OVERFLOW);
	}

	@Test
	void bf16EncodesKnownValues() {
		assertThat(ReducedFloats.BF16.encode(1.0)).isEqualTo(0x3F80);
		assertThat(ReducedFloats.BF16.encode(-0.0)).isEqualTo(0x8000);
		assertThat(ReducedFloats.BF16.encode(Float.MAX_VALUE)).isEqualTo(ReducedFloats.OVERFLOW);
		assertThat(ReducedFloats.BF16.encode(Float.intBitsToFloat(0x7F7F0000))).isEqualTo(0x7F7F);
		assertThat(ReducedFloats.BF16.encode(Double.MIN_VALUE)).isEqualTo(0x0000);
	}

	@Test
	void fp16EncodingIsTheNearestValueTiesToEven() {
		assertNearestEverywhere(ReducedFloats.FP16);
	}

	@Test
	void bf16EncodingIsTheNearestValueTiesToEven() {
		assertNearestEverywhere(ReducedFloats.BF16);
	}

	private static void assertNearestEverywhere(ReducedFloats.Format format) {
		Oracle oracle = new Oracle(format);
		List<Double> probes = new ArrayList<>();
		List<Double> finite = oracle.finiteNonNegative();
		for (int i = 0; i + 1 < finite.size(); i++) {
			double tie = (finite.get(i) + finite.get(i + 1)) / 2;
			probes.add(tie);
			probes.add(Math.nextDown(tie));
			probes.add(Math.nextUp(tie));
			probes.add(finite.get(i));
		}
		SplittableRandom random = new SplittableRandom(16);
		for (int i = 0; i < 200_000; i++) {
			double magnitude = Math.scalb(1 + random.nextDouble(), random.nextInt(-140, 130));
			probes.add(magnitude);
		}
		for (double probe : probes) {
			for (double x : new double[] { probe, -probe }) {
				assertThat(format.encode(x)).as("%s", x).isEqualTo(oracle.nearest(x));
			}
		}
	}

	/**
	 * The nearest value found by exact decimal comparison among every finite value of the
	 * format, ties to the even bit pattern; beyond the largest value by half its spacing
	 * or more, overflow.
	 */
	private static final class Oracle {

		private final TreeMap<BigDecimal, Integer> byValue = new TreeMap<>();

		private final BigDecimal overflow;

		Oracle(ReducedFloats.Format format) {
			double max = 0;
			double belowMax = 0;
			for (int bits = 0; bits < 0x8000; bits++) {
				double value = format.decode(bits);
				if (Double.isFinite(value)) {
					this.byValue.put(new BigDecimal(value), bits);
					if (value > max) {
						belowMax = max;
						max = value;
					}
				}
			}
			this.overflow = new BigDecimal(max)
				.add(new BigDecimal(max).subtract(new BigDecimal(belowMax)).divide(BigDecimal.valueOf(2)));
		}

		List<Double> finiteNonNegative() {
			return this.byValue.keySet().stream().map(BigDecimal::doubleValue).toList();
		}

		int nearest(double x) {
			int sign = (Double.doubleToRawLongBits(x) < 0) ? 0x8000 : 0;
			BigDecimal magnitude = new BigDecimal(Math.abs(x));
			if (magnitude.compareTo(this.overflow) >= 0) {
				return ReducedFloats.OVERFLOW;
			}
			var below = this.byValue.floorEntry(magnitude);
			var above = this.byValue.ceilingEntry(magnitude);
			if (above == null) {
				return sign | below.getValue();
			}
			int compared = magnitude.subtract(below.getKey()).compareTo(above.getKey().subtract(magnitude));
			int bits;
			if (compared < 0) {
				bits = below.getValue();
			}
			else if (compared > 0) {
				bits = above.getValue();
			}
			else {
				bits = ((below.getValue() & 1) == 0) ? below.getValue() : above.getValue();
			}
			return sign | bits;
		}

	}

}

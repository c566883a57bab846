package ai.activation.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk paths of the kernels ({@link ScalarFunction#applyAll}: the Vector API and the
 * loops C2 vectorizes) against the scalar definition {@link ScalarFunction#value},
 * element by element, on 2^17 random inputs spread over the whole double range plus the
 * edge cases, placed both in the vector body and in the tail; the event counts must be
 * the same.
 */
class VectorKernelsTests {

	private static final int COUNT = 1 << 17;

	/** Odd, so that the last elements fall in the scalar tail of any vector length. */
	private static final int TAIL = 7;

	@Test
	void vectorPathsShouldBeOnUnderTheTests() {
		assertThat(Simd.AVAILABLE).as("Surefire starts the JVM with --add-modules " + Simd.MODULE).isTrue();
	}

	@Test
	void sigmoidVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within 2 ulps of the true value, so within 4 of each other
		assertBulkMatchesScalar(Logistic.SIGMOID, 4);
	}

	@Test
	void siluVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within 3 ulps of the true value, so within 6 of each other
		assertBulkMatchesScalar(Logistic.SILU, 6);
	}

	@Test
	void siluVectorPathOnceCompiledShouldStayWithin3UlpsOfApfloat() {
		double[] in = new double[4_000 + TAIL];
		SplittableRandom random = new SplittableRandom(17);
		for (int i = 0; i < in.length; i++) {
			in[i] = (i % 4 == 0) ? random.nextDouble(-760.0, -30.0) : random.nextDouble(-45.0, 45.0);
		}
		double[] out = new double[in.length];
		warmUp(Logistic.SILU, Arrays.copyOf(in, 512), new double[512]);
		Logistic.SILU.applyAll(in, out);
		for (int i = 0; i < in.length; i++) {
			Apfloat x = Reference.ap(in[i]);
			double expected = Reference.round(x.multiply(Reference.sigmoid(x)));
			assertThat(Math.abs(out[i] - expected)).as("silu(%s) = %s, expected %s", in[i], out[i], expected)
				.isLessThanOrEqualTo(3 * Math.ulp(expected));
		}
	}

	@Test
	void tanhVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		assertBulkMatchesScalar(Hyperbolic.TANH, 4);
	}

	@Test
	void tanhVectorPathOnceCompiledShouldStayWithin2UlpsOfApfloat() {
		double[] in = new double[4_000 + TAIL];
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < in.length; i++) {
			in[i] = (i % 4 == 0) ? Math.scalb(random.nextDouble(-1.0, 1.0), -random.nextInt(60))
					: random.nextDouble(-20.0, 20.0);
		}
		double[] out = new double[in.length];
		warmUp(Hyperbolic.TANH, Arrays.copyOf(in, 512), new double[512]);
		Hyperbolic.TANH.applyAll(in, out);
		for (int i = 0; i < in.length; i++) {
			double expected = Reference.round(Reference.tanh(Reference.ap(in[i])));
			assertThat(Math.abs(out[i] - expected)).as("tanh(%s) = %s, expected %s", in[i], out[i], expected)
				.isLessThanOrEqualTo(2 * Math.ulp(expected));
		}
	}

	@Test
	void softmaxOnTheVectorExpOnceCompiledShouldStayWithin4UlpsOfApfloat() {
		int n = 1_000 + TAIL;
		double[] row = new double[n];
		SplittableRandom random = new SplittableRandom(13);
		for (int i = 0; i < n; i++) {
			row[i] = (i % 10 == 0) ? random.nextDouble(-760.0, -600.0) : random.nextDouble(-30.0, 5.0);
		}
		AxisFunction softmax = AxisKernels.softmax(1.0);
		double[] out = new double[n];
		for (int round = 0; round < 500; round++) {
			softmax.apply(row, new Lanes(1, n, 1), out);
		}
		softmax.apply(row, new Lanes(1, n, 1), out);
		double max = Arrays.stream(row).max().orElseThrow();
		Apfloat[] terms = new Apfloat[n];
		Apfloat sum = Reference.ZERO;
		for (int i = 0; i < n; i++) {
			terms[i] = ApfloatMath.exp(Reference.ap(row[i]).subtract(Reference.ap(max)));
			sum = sum.add(terms[i]);
		}
		for (int i = 0; i < n; i++) {
			double expected = Reference.round(terms[i].divide(sum));
			assertThat(Math.abs(out[i] - expected)).as("softmax element %s of %s", i, row[i])
				.isLessThanOrEqualTo(4 * Math.ulp(expected));
		}
	}

	@Test
	void reluBulkPathShouldBeBitForBitTheScalarPath() {
		assertBulkMatchesScalar(Piecewise.RELU, 0);
		assertBulkMatchesScalar(Piecewise.RELU6, 0);
	}

	@Test
	void sigmoidVectorPathShouldAnswerSubnormalResultsAndEventsLikeTheScalarPath() {
		double[] in = new double[64];
		for (int i = 0; i < in.length; i++) {
			in[i] = -700.0 - i;
		}
		double[] out = new double[in.length];
		long events = Logistic.SIGMOID.applyAll(in, out);
		for (int i = 0; i < in.length; i++) {
			assertThat(Double.doubleToRawLongBits(out[i])).as("sigmoid(%s)", in[i])
				.isEqualTo(Double.doubleToRawLongBits(Logistic.sigmoid(in[i])));
		}
		assertThat(events).as("inputs below -709.78").isEqualTo(54);
		assertThat(out[10]).as("sigmoid(-710) is subnormal, not flushed").isPositive().isLessThan(Double.MIN_NORMAL);
	}

	@Test
	void sigmoidVectorPathOnceCompiledShouldStayWithin2UlpsOfApfloat() {
		double[] in = new double[4_000 + TAIL];
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < in.length; i++) {
			in[i] = (i % 4 == 0) ? random.nextDouble(-745.0, -30.0) : random.nextDouble(-40.0, 40.0);
		}
		double[] out = new double[in.length];
		warmUp(Logistic.SIGMOID, Arrays.copyOf(in, 512), new double[512]);
		Logistic.SIGMOID.applyAll(in, out);
		for (int i = 0; i < in.length; i++) {
			double expected = Reference.round(Reference.sigmoid(Reference.ap(in[i])));
			assertThat(Math.abs(out[i] - expected)).as("sigmoid(%s) = %s, expected %s", in[i], out[i], expected)
				.isLessThanOrEqualTo(2 * Math.ulp(expected));
		}
	}

	/**
	 * Runs the bulk path until C2 has compiled it: the Vector API's intrinsics (e.g. the
	 * lanewise EXP) replace its Java fallback only in compiled code.
	 */
	private static void warmUp(ScalarFunction f, double[] in, double[] out) {
		for (int round = 0; round < 2_000; round++) {
			f.applyAll(in, out);
		}
	}

	private static void assertBulkMatchesScalar(ScalarFunction f, int ulps) {
		double[] in = inputs();
		double[] out = new double[in.length];
		warmUp(f, Arrays.copyOf(in, 512), new double[512]);
		long events = f.applyAll(in, out);
		long scalarEvents = 0;
		for (int i = 0; i < in.length; i++) {
			double expected = f.value(in[i]);
			scalarEvents += f.naiveFails(in[i]) ? 1 : 0;
			if (ulps == 0) {
				assertThat(Double.doubleToRawLongBits(out[i])).as("f(%s) = %s, scalar %s", in[i], out[i], expected)
					.isEqualTo(Double.doubleToRawLongBits(expected));
			}
			else {
				assertThat(Math.abs(out[i] - expected)).as("f(%s) = %s, scalar %s", in[i], out[i], expected)
					.isLessThanOrEqualTo(ulps * Math.ulp(expected));
				assertThat(Math.copySign(1.0, out[i])).isEqualTo(Math.copySign(1.0, expected));
			}
		}
		assertThat(events).isEqualTo(scalarEvents);
		if (f != Piecewise.RELU && f != Piecewise.RELU6) {
			assertThat(scalarEvents).as("the inputs include events").isPositive();
		}
	}

	/**
	 * Random doubles: half with uniformly random finite bit patterns, half uniform in
	 * [−50, 50] where the functions vary; the edge cases at the start and again in the
	 * tail.
	 */
	private static double[] inputs() {
		double[] edges = { -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MAX_VALUE,
				Double.MAX_VALUE, -708.0, Math.nextDown(-708.0), -708.4, -709.78, -709.79, -745.13, -745.14, -800.0,
				-1e300, 36.74, 709.79, 1e-300, -1e-300, 6.0, Math.nextUp(6.0), 1.0, -1.0 };
		SplittableRandom random = new SplittableRandom(20261129L);
		double[] in = new double[COUNT + TAIL];
		for (int i = 0; i < in.length; i++) {
			if (i % 2 == 0) {
				double v;
				do {
					v = Double.longBitsToDouble(random.nextLong());
				}
				while (!Double.isFinite(v));
				in[i] = v;
			}
			else {
				in[i] = random.nextDouble(-50.0, 50.0);
			}
		}
		System.arraycopy(edges, 0, in, 0, edges.length);
		System.arraycopy(edges, edges.length - TAIL, in, in.length - TAIL, TAIL);
		return in;
	}

}

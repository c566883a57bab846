package ai.activation.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@Test
	void exponentialFamilyVectorPathsShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within its budget (2 ulps for elu, selu and logsigmoid, 3 for celu and
		// softplus, 1 for the exponential) of the true value, so within twice that of
		// each
		// other
		assertBulkMatchesScalar(ExponentialLinear.elu(1.0), 4);
		assertBulkMatchesScalar(ExponentialLinear.elu(0.5), 4);
		assertBulkMatchesScalar(ExponentialLinear.SELU, 4);
		assertBulkMatchesScalar(ExponentialLinear.celu(1.0), 5);
		assertBulkMatchesScalar(Logistic.softplus(1.0, Double.NaN), 6);
		assertBulkMatchesScalar(Logistic.LOGSIGMOID, 4);
		assertBulkMatchesScalar("exponential", Exponential.EXPONENTIAL, inputs(), 2, false);
	}

	@Test
	void exponentialFamilyVectorPathsOnceCompiledShouldStayWithinTheirBudgetsOfApfloat() {
		double[] in = new double[4_000 + TAIL];
		SplittableRandom random = new SplittableRandom(23);
		for (int i = 0; i < in.length; i++) {
			in[i] = switch (i % 4) {
				case 0 -> random.nextDouble(-760.0, -30.0);
				case 1 -> Math.scalb(random.nextDouble(-1.0, 1.0), -random.nextInt(70));
				case 2 -> random.nextDouble(-1.0, 709.7);
				default -> random.nextDouble(-45.0, 45.0);
			};
		}
		Map<String, ScalarFunction> functions = new LinkedHashMap<>();
		functions.put("elu 1", ExponentialLinear.elu(1.0));
		functions.put("elu 0.5", ExponentialLinear.elu(0.5));
		functions.put("selu", ExponentialLinear.SELU);
		functions.put("celu 1", ExponentialLinear.celu(1.0));
		functions.put("softplus", Logistic.softplus(1.0, Double.NaN));
		functions.put("logsigmoid", Logistic.LOGSIGMOID);
		functions.put("exponential", Exponential.EXPONENTIAL);
		for (Map.Entry<String, ScalarFunction> entry : functions.entrySet()) {
			ScalarFunction f = entry.getValue();
			double[] out = new double[in.length];
			warmUp(f, Arrays.copyOf(in, 512), new double[512]);
			f.applyAll(in, out);
			for (int i = 0; i < in.length; i++) {
				Apfloat x = Reference.ap(in[i]);
				Apfloat exact = switch (entry.getKey()) {
					case "elu 1", "celu 1" -> (in[i] > 0) ? x : Reference.expm1(x);
					case "elu 0.5" -> (in[i] > 0) ? x : Reference.expm1(x).multiply(Reference.ap(0.5));
					case "selu" -> Reference.SELU_SCALE
						.multiply((in[i] > 0) ? x : Reference.SELU_ALPHA.multiply(Reference.expm1(x)));
					case "softplus" -> Reference.log1p(Reference.exp(x));
					case "logsigmoid" -> Reference.log1p(Reference.exp(x.negate())).negate();
					default -> Reference.exp(x);
				};
				double expected = Reference.round(exact);
				int budget = switch (entry.getKey()) {
					case "exponential" -> 1;
					case "celu 1", "softplus" -> 3;
					default -> 2;
				};
				assertThat(Math.abs(out[i] - expected))
					.as("%s(%s) = %s, expected %s", entry.getKey(), in[i], out[i], expected)
					.isLessThanOrEqualTo(budget * Math.ulp(expected));
			}
		}
	}

	@Test
	void axisVectorPathsOfAContiguousLaneShouldMatchTheScalarPathOfAStridedOne() {
		int n = 2 * (1_000 + TAIL);
		double[] row = new double[n];
		SplittableRandom random = new SplittableRandom(29);
		for (int i = 0; i < n; i++) {
			row[i] = switch (i % 8) {
				case 0 -> random.nextDouble(-690.0, -600.0);
				case 1 -> Math.scalb(random.nextDouble(-1.0, 1.0), -random.nextInt(70));
				case 2 -> -0.0;
				case 3 -> random.nextDouble(-800.0, -40.0);
				default -> random.nextDouble(-30.0, 5.0);
			};
		}
		row[n / 3] = 5.0;
		row[n / 2] = 5.0; // a tie of the maximum
		// the softmax family's vector path needs a span below 699 (the gates go below
		// -709.78)
		double[] narrow = Arrays.stream(row).map((x) -> Math.max(x, -690.0)).toArray();
		Map<String, AxisFunction> functions = new LinkedHashMap<>();
		functions.put("log_softmax", AxisKernels.logSoftmax(1.0));
		functions.put("log_softmax T=0.5", AxisKernels.logSoftmax(0.5));
		functions.put("log_softmax T=3", AxisKernels.logSoftmax(3.0));
		functions.put("softmax", AxisKernels.softmax(1.0));
		functions.put("glu", AxisKernels.glu());
		functions.put("swiglu", GatedUnits.swiglu(1.0));
		functions.put("geglu", GatedUnits.geglu(false));
		functions.put("reglu", GatedUnits.reglu());
		functions.put("crelu", GatedUnits.crelu());
		for (Map.Entry<String, AxisFunction> entry : functions.entrySet()) {
			AxisFunction f = entry.getValue();
			String name = entry.getKey();
			// each within its budget (4 ulps for the softmax family, 3 for glu and
			// swiglu's silu, 3 for geglu's gelu and one rounding of the product, 0 for
			// the exact ones) of the true value
			int ulps = switch (name) {
				case "reglu", "crelu" -> 0;
				case "glu", "swiglu" -> 6;
				default -> 8;
			};
			double[] lane = name.contains("softmax") ? narrow : row;
			double[] strided = new double[2 * n];
			for (int i = 0; i < n; i++) {
				strided[2 * i] = lane[i];
				strided[2 * i + 1] = lane[i];
			}
			int m = f.outputLength(n);
			double[] contiguous = new double[m];
			for (int round = 0; round < 300; round++) {
				f.apply(lane, new Lanes(1, n, 1), contiguous);
			}
			long events = f.apply(lane, new Lanes(1, n, 1), contiguous);
			double[] scalar = new double[2 * m];
			long scalarEvents = f.apply(strided, new Lanes(1, n, 2), scalar);
			assertThat(events).as("%s: events", name).isEqualTo(scalarEvents / 2);
			for (int i = 0; i < m; i++) {
				double expected = scalar[2 * i];
				if (ulps == 0) {
					assertThat(Double.doubleToRawLongBits(contiguous[i])).as("%s element %s", name, i)
						.isEqualTo(Double.doubleToRawLongBits(expected));
				}
				else if (contiguous[i] != expected) {
					assertThat(Math.abs(contiguous[i] - expected))
						.as("%s element %s: %s, scalar %s", name, i, contiguous[i], expected)
						.isLessThanOrEqualTo(ulps * Math.ulp(expected));
				}
			}
		}
	}

	@Test
	void logSoftmaxVectorPathOnceCompiledShouldStayWithin4UlpsOfApfloatAlsoWhereOneTermDominates() {
		int n = 1_000 + TAIL;
		SplittableRandom random = new SplittableRandom(31);
		for (double low : new double[] { -30.0, -38.0, -600.0 }) {
			double[] row = new double[n];
			for (int i = 0; i < n; i++) {
				row[i] = (i == n / 2) ? 0.0 : random.nextDouble(low - 10.0, low);
			}
			AxisFunction logSoftmax = AxisKernels.logSoftmax(1.0);
			double[] out = new double[n];
			for (int round = 0; round < 300; round++) {
				logSoftmax.apply(row, new Lanes(1, n, 1), out);
			}
			logSoftmax.apply(row, new Lanes(1, n, 1), out);
			Apfloat sum = Reference.ZERO;
			for (int i = 0; i < n; i++) {
				sum = sum.add(Reference.exp(Reference.ap(row[i])));
			}
			Apfloat log = ApfloatMath.log(sum);
			for (int i = 0; i < n; i++) {
				double expected = Reference.round(Reference.ap(row[i]).subtract(log));
				assertThat(Math.abs(out[i] - expected)).as("log_softmax element %s of %s, low %s", i, row[i], low)
					.isLessThanOrEqualTo(4 * Math.ulp(expected));
			}
		}
	}

	@Test
	void piecewiseVectorPathsShouldBeBitForBitTheScalarPathAcrossEveryKink() {
		Map<String, ScalarFunction> functions = new LinkedHashMap<>();
		functions.put("step", Piecewise.STEP);
		functions.put("identity", Piecewise.IDENTITY);
		functions.put("relu", Piecewise.RELU);
		functions.put("relu6", Piecewise.RELU6);
		functions.put("hardsigmoid", Piecewise.HARDSIGMOID);
		functions.put("sparse_sigmoid", Piecewise.SPARSE_SIGMOID);
		functions.put("sparse_plus", Piecewise.SPARSE_PLUS);
		functions.put("relu_squared", Piecewise.RELU_SQUARED);
		for (double slope : new double[] { 0.01, 0.25, 0.0, -0.0, -3.0, 1e300 }) {
			functions.put("leaky_relu " + slope, Piecewise.leaky(slope));
		}
		for (double[] p : new double[][] { { 0.5, Double.NaN, 0 }, { 0, 5, 0 }, { 0, Double.NaN, 5 }, { 0.1, 6, -2 },
				{ -3, 1e300, 1e-300 }, { 0.2, Double.NaN, -1.5 }, { 0.5, Double.NaN, -1e308 }, { 2, 1, 1e308 },
				{ 0.3, -0.0, -0.0 }, { 0.3, 0.0, 0.0 } }) {
			functions.put("relu " + Arrays.toString(p), Piecewise.relu(p[0], p[1], p[2]));
		}
		for (double[] p : new double[][] { { -1, 1 }, { -2, 3 }, { 0.0, 6 }, { -0.0, 0.0 }, { -0.0, -0.0 },
				{ 0.0, 0.0 }, { 5, 5 } }) {
			functions.put("hardtanh " + Arrays.toString(p), Piecewise.hardtanh(p[0], p[1]));
		}
		for (double[] p : new double[][] { { 0.2, 0.5 }, { -0.25, 0.1 }, { 1e300, -0.0 }, { -0.0, 0.0 } }) {
			functions.put("hardsigmoid " + Arrays.toString(p), Piecewise.hardsigmoid(p[0], p[1]));
		}
		for (double lambda : new double[] { 0.5, 0.0, -0.0, 2.5, -1.0 }) {
			functions.put("hardshrink " + lambda, Piecewise.hardshrink(lambda));
			functions.put("softshrink " + lambda, Piecewise.softshrink(lambda));
		}
		for (double[] p : new double[][] { { 0, 0 }, { 0.0, -0.0 }, { -0.0, 0.0 }, { 1, 0 }, { -2.5, 7 }, { 3, -3 } }) {
			functions.put("threshold " + Arrays.toString(p), Piecewise.threshold(p[0], p[1]));
		}
		for (double alpha : new double[] { 1.0, 0.0, -2.5 }) {
			functions.put("thresholded_relu " + alpha, Piecewise.thresholdedRelu(alpha));
		}
		for (double[] p : new double[][] { { 0.5, 0 }, { 0.5, 0.5 }, { 2, -1 }, { -1, 0.25 }, { 0.0, -0.0 },
				{ -0.0, 0.0 }, { 1e-300, 1e308 } }) {
			functions.put("shrink " + Arrays.toString(p), Piecewise.shrink(p[0], p[1]));
		}
		double[] in = kinkInputs();
		for (Map.Entry<String, ScalarFunction> entry : functions.entrySet()) {
			assertBulkMatchesScalar(entry.getKey(), entry.getValue(), in, 0, false);
		}
		assertBulkMatchesScalar("hardswish", Piecewise.HARDSWISH, in, 0, true);
	}

	@Test
	void vectorPathsShouldAnswerInPlaceAsIntoAnotherArrayAlsoWhereLanesArePatched() {
		double[] in = kinkInputs();
		for (ScalarFunction f : List.of(Logistic.SIGMOID, Logistic.SILU, Hyperbolic.TANH, Piecewise.STEP,
				Piecewise.IDENTITY, Piecewise.HARDSWISH, Piecewise.SPARSE_PLUS, Piecewise.relu(0.5, Double.NaN, -1.5),
				Piecewise.shrink(0.5, 0.25))) {
			boolean exact = f != Logistic.SIGMOID && f != Logistic.SILU && f != Hyperbolic.TANH;
			// compiled first: the interpreted lanewise EXP and TANH are not the
			// intrinsics
			warmUp(f, Arrays.copyOf(in, 512), new double[512]);
			double[] out = new double[in.length];
			f.applyAll(in, out);
			double[] inPlace = in.clone();
			f.applyAll(inPlace, inPlace);
			for (int i = 0; i < in.length; i++) {
				assertThat(out[i]).as("%s(%s)", f, in[i]).isNotNaN();
				if (exact) {
					assertThat(Double.doubleToRawLongBits(inPlace[i])).as("%s in place at x = %s", f, in[i])
						.isEqualTo(Double.doubleToRawLongBits(out[i]));
				}
				else {
					// C2 may compile the intrinsics differently between the two calls
					assertThat(Math.abs(inPlace[i] - out[i])).as("%s in place at x = %s", f, in[i])
						.isLessThanOrEqualTo(4 * Math.ulp(out[i]));
				}
			}
		}
	}

	/**
	 * The kinks of the piecewise functions under test (0, ±0.5, ±1, ±1.5, ±2, ±2.5, ±3,
	 * 5, 6, 7 and the parameters above) with their neighbours either side, signed zeros,
	 * subnormals, huge values up to ±MAX_VALUE and MAX_VALUE/6, then the random inputs of
	 * {@link #inputs()}; the kinks again in the tail.
	 */
	private static double[] kinkInputs() {
		List<Double> kinks = new ArrayList<>();
		for (double k : new double[] { 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0, 6.0, 7.0, 1e-300, 1e300, 1e308,
				Double.MAX_VALUE / 6.0, Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-54 }) {
			for (double v : new double[] { k, -k }) {
				for (double w : new double[] { v, Math.nextUp(v), Math.nextDown(v) }) {
					if (Double.isFinite(w)) {
						kinks.add(w);
					}
				}
			}
		}
		double[] random = inputs();
		double[] in = new double[kinks.size() + random.length + kinks.size()];
		for (int i = 0; i < kinks.size(); i++) {
			in[i] = kinks.get(i);
			in[kinks.size() + random.length + i] = kinks.get(kinks.size() - 1 - i);
		}
		System.arraycopy(random, 0, in, kinks.size(), random.length);
		return in;
	}

	@Test
	void geluVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within 3 ulps of the true value, so within 6 of each other
		assertBulkMatchesScalar(Gaussian.GELU, 6);
	}

	/**
	 * gelu's vector path (fdlibm's four ranges of |x|/√2, the tail through e^E of a
	 * double-double E) against apfloat once C2 has compiled it: random arguments over
	 * [−27, 11] and near 0, each range boundary (0.84375·√2, 1.25·√2, √2/0.35) with 8
	 * neighbours either side, the ends of the vector range (−26, 10) and of the events
	 * (−8.3744), ±0 and subnormals, each within gelu's budget of 3 ulps.
	 */
	@Test
	void geluVectorPathOnceCompiledShouldStayWithin3UlpsOfApfloat() {
		List<Double> points = new ArrayList<>();
		for (double edge : new double[] { 0.84375, 1.25, 1 / 0.35 }) {
			double x = edge / 0.7071067811865476;
			for (int k = -8; k <= 8; k++) {
				double v = x + k * Math.ulp(x);
				points.add(v);
				points.add(-v);
			}
		}
		for (double edge : new double[] { -26.0, 10.0, -8.374388923067457, -0.0, 0.0, Double.MIN_VALUE,
				-Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-300, -1e-300, 0x1p-54, -0x1p-54 }) {
			points.add(edge);
			points.add(Math.nextUp(edge));
			points.add(Math.nextDown(edge));
		}
		SplittableRandom random = new SplittableRandom(23);
		while (points.size() < 6_000) {
			int kind = points.size() % 4;
			points.add((kind == 0) ? Math.scalb(random.nextDouble(-1.0, 1.0), -random.nextInt(40))
					: (kind == 1) ? random.nextDouble(-27.0, -8.0) : random.nextDouble(-11.0, 11.0));
		}
		points.add(1.5);
		double[] in = points.stream().mapToDouble(Double::doubleValue).toArray();
		double[] out = new double[in.length];
		warmUp(Gaussian.GELU, Arrays.copyOf(in, 512), new double[512]);
		Gaussian.GELU.applyAll(in, out);
		double worst = 0;
		for (int i = 0; i < in.length; i++) {
			double expected = KernelAccuracyTests.gelu(in[i]);
			double ulps = (out[i] == expected) ? 0 : Math.abs(out[i] - expected) / Math.ulp(expected);
			worst = Math.max(worst, ulps);
			assertThat(ulps).as("gelu(%s) = %s, expected %s", in[i], out[i], expected).isLessThanOrEqualTo(3.0);
			// apfloat has no signed zero: the sign of a zero is the scalar path's
			double sign = (expected == 0) ? Gaussian.GELU.value(in[i]) : expected;
			assertThat(Math.copySign(1.0, out[i])).as("sign of gelu(%s)", in[i]).isEqualTo(Math.copySign(1.0, sign));
		}
		System.out.println("gelu vector path: worst " + worst + " ulp");
	}

	@Test
	void geluVectorPathShouldAnswerInPlaceAsIntoAnotherArray() {
		double[] in = inputs();
		warmUp(Gaussian.GELU, Arrays.copyOf(in, 512), new double[512]);
		double[] out = new double[in.length];
		long events = Gaussian.GELU.applyAll(in, out);
		double[] inPlace = in.clone();
		assertThat(Gaussian.GELU.applyAll(inPlace, inPlace)).isEqualTo(events);
		for (int i = 0; i < in.length; i++) {
			assertThat(Math.abs(inPlace[i] - out[i])).as("gelu in place at x = %s", in[i])
				.isLessThanOrEqualTo(4 * Math.ulp(out[i]));
		}
	}

	/**
	 * log1mexp's vector path (the lanewise EXPM1 and LOG up to ln 2, EXP and LOG1P above)
	 * against apfloat once C2 has compiled it: random arguments over (0, 40] and at every
	 * scale down to 2^−1074, the switch at ln 2, the ends of the vector range (2^−54 and
	 * 37) with neighbours either side, and the events beyond; each within log1mexp's
	 * budget of 3 ulps, with the scalar path's event count, and the same answers in
	 * place.
	 */
	@Test
	void log1mexpVectorPathOnceCompiledShouldStayWithin3UlpsOfApfloatWithTheSameEvents() {
		ScalarFunction f = Exponential.LOG1MEXP;
		List<Double> points = new ArrayList<>();
		for (double edge : new double[] { Exponential.LN2, 0x1p-54, 37.0, 37.42994775023705, 1.0 }) {
			for (int k = -8; k <= 8; k++) {
				points.add(edge + k * Math.ulp(edge));
			}
		}
		for (double edge : new double[] { Double.MIN_VALUE, 1e-300, 1e-20, 40, 100, 700, 745, 745.2 }) {
			points.add(edge);
		}
		SplittableRandom random = new SplittableRandom(37);
		while (points.size() < 6_000) {
			int kind = points.size() % 3;
			points.add((kind == 0) ? Math.scalb(random.nextDouble(0.5, 1.0), random.nextInt(-1074, 6))
					: (kind == 1) ? random.nextDouble(0.3, 1.2) : random.nextDouble(Double.MIN_VALUE, 40.0));
		}
		double[] in = points.stream().mapToDouble(Double::doubleValue).toArray();
		double[] out = new double[in.length];
		warmUp(f, Arrays.copyOf(in, 512), new double[512]);
		long events = f.applyAll(in, out);
		long scalarEvents = 0;
		double worst = 0;
		for (int i = 0; i < in.length; i++) {
			scalarEvents += f.naiveFails(in[i]) ? 1 : 0;
			double expected = KernelAccuracyTests.log1mexp(in[i]);
			double ulps = KernelAccuracyTests.ulps(out[i], expected);
			worst = Math.max(worst, ulps);
			assertThat(ulps).as("log1mexp(%s) = %s, expected %s", in[i], out[i], expected).isLessThanOrEqualTo(3.0);
		}
		assertThat(events).as("events").isEqualTo(scalarEvents).isPositive();
		double[] inPlace = in.clone();
		assertThat(f.applyAll(inPlace, inPlace)).isEqualTo(events);
		assertThat(inPlace).isEqualTo(out);
		System.out.println("log1mexp vector path: worst " + worst + " ulp");
	}

	@Test
	void log1mexpVectorPathShouldAnswerLikeTheScalarPathAtZeroAndBelow() {
		ScalarFunction f = Exponential.LOG1MEXP;
		double[] in = { 0.0, -0.0, -1e-300, -1.0, -800.0, Double.NaN, -Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 0.5,
				2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
		double[] out = new double[in.length];
		warmUp(f, in, out);
		f.applyAll(in, out);
		for (int i = 0; i < in.length; i++) {
			assertThat(Double.doubleToRawLongBits(out[i])).as("log1mexp(%s)", in[i])
				.isEqualTo(Double.doubleToRawLongBits(f.value(in[i])));
		}
	}

	@Test
	void snakeVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within 4 ulps of the true value, so within 8 of each other; a = 3 makes
		// a·x overflow for |x| > MAX_VALUE/3 (the events), a = 1 never does
		assertBulkMatchesScalar("snake a=3", Periodic.snake(3), inputs(), 8, true);
		assertBulkMatchesScalar("snake a=1", Periodic.snake(1), inputs(), 8, false);
		assertBulkMatchesScalar("snake a=0.5", Periodic.snake(0.5), inputs(), 8, false);
	}

	/**
	 * snake's vector path (the lanewise SIN, and COS where a·x is inexact) against
	 * apfloat once C2 has compiled it, so with the intrinsics in place of their Java
	 * fallback: densely where x + sin²(a·x)/a cancels (a·x in [−3, 0]), random arguments
	 * over [−1000, 1000] and at every scale, the end of the vector range |a·x| = 2^52
	 * with neighbours, ±0, subnormals and huge values; each within snake's budget of 4
	 * ulps.
	 */
	@ParameterizedTest(name = "a={0}")
	@ValueSource(doubles = { 1, 3, 0.1 })
	void snakeVectorPathOnceCompiledShouldStayWithin4UlpsOfApfloat(double a) {
		ScalarFunction snake = Periodic.snake(a);
		List<Double> points = new ArrayList<>();
		double end = 0x1p52 / a;
		for (int k = -8; k <= 8; k++) {
			points.add(end + k * Math.ulp(end));
			points.add(-end - k * Math.ulp(end));
		}
		for (double edge : new double[] { -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e300,
				-1e300, Double.MAX_VALUE / 4, -Double.MAX_VALUE / 4, 1e-300, -1e-300 }) {
			points.add(edge);
		}
		SplittableRandom random = new SplittableRandom(31);
		while (points.size() < 6_000) {
			int kind = points.size() % 3;
			points.add((kind == 0) ? Math.scalb(random.nextDouble(-1.0, 1.0), random.nextInt(-1074, 60))
					: (kind == 1) ? random.nextDouble(-3.0, 0.0) / a : random.nextDouble(-1000.0, 1000.0));
		}
		double[] in = points.stream().mapToDouble(Double::doubleValue).toArray();
		double[] out = new double[in.length];
		warmUp(snake, Arrays.copyOf(in, 512), new double[512]);
		snake.applyAll(in, out);
		double worst = 0;
		for (int i = 0; i < in.length; i++) {
			double expected = KernelAccuracyTests.snake(in[i], a);
			double ulps = (out[i] == expected) ? 0 : Math.abs(out[i] - expected) / Math.ulp(expected);
			worst = Math.max(worst, ulps);
			assertThat(ulps).as("snake a=%s (%s) = %s, expected %s", a, in[i], out[i], expected)
				.isLessThanOrEqualTo(4.0);
		}
		System.out.println("snake a=" + a + " vector path: worst " + worst + " ulp");
	}

	@Test
	void snakeVectorPathShouldAnswerInPlaceAsIntoAnotherArray() {
		ScalarFunction snake = Periodic.snake(3);
		double[] in = inputs();
		warmUp(snake, Arrays.copyOf(in, 512), new double[512]);
		double[] out = new double[in.length];
		long events = snake.applyAll(in, out);
		double[] inPlace = in.clone();
		assertThat(snake.applyAll(inPlace, inPlace)).isEqualTo(events);
		for (int i = 0; i < in.length; i++) {
			assertThat(Double.doubleToRawLongBits(inPlace[i])).as("snake in place at x = %s", in[i])
				.isEqualTo(Double.doubleToRawLongBits(out[i]));
		}
	}

	@Test
	void tanhshrinkVectorPathShouldBeWithinTheBudgetOfTheScalarPathWithTheSameEvents() {
		// each within 2 ulps of the true value, so within 4 of each other
		assertBulkMatchesScalar(Hyperbolic.TANHSHRINK, 4);
	}

	/**
	 * tanhshrink's vector path (a fitted polynomial where x − tanh x cancels, the
	 * identity (|x| − 1) + 2E/(1 + E) beyond) against apfloat once C2 has compiled it:
	 * random arguments over [−25, 25], near 0 at every scale down to 2^−1074, the
	 * boundaries x² = 1/4 and 5/4 and the end of the vector range (2^−300) with
	 * neighbours either side, ±0, huge values; each within tanhshrink's budget of 2 ulps.
	 */
	@Test
	void tanhshrinkVectorPathOnceCompiledShouldStayWithin2UlpsOfApfloat() {
		List<Double> points = new ArrayList<>();
		for (double edge : new double[] { 0.5, Math.sqrt(1.25), 0x1p-300, 2e-108, 1.3e-8 }) {
			for (int k = -8; k <= 8; k++) {
				double v = edge + k * Math.ulp(edge);
				points.add(v);
				points.add(-v);
			}
		}
		for (double edge : new double[] { -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300,
				Double.MAX_VALUE, -Double.MAX_VALUE, 19.0, 20.0, 400.0 }) {
			points.add(edge);
		}
		SplittableRandom random = new SplittableRandom(29);
		while (points.size() < 6_000) {
			int kind = points.size() % 3;
			points.add((kind == 0) ? Math.scalb(random.nextDouble(-1.0, 1.0), -random.nextInt(1075))
					: (kind == 1) ? random.nextDouble(-1.2, 1.2) : random.nextDouble(-25.0, 25.0));
		}
		points.add(1.5);
		double[] in = points.stream().mapToDouble(Double::doubleValue).toArray();
		double[] out = new double[in.length];
		warmUp(Hyperbolic.TANHSHRINK, Arrays.copyOf(in, 512), new double[512]);
		Hyperbolic.TANHSHRINK.applyAll(in, out);
		double worst = 0;
		for (int i = 0; i < in.length; i++) {
			double expected = KernelAccuracyTests.tanhshrink(in[i]);
			double ulps = (out[i] == expected) ? 0 : Math.abs(out[i] - expected) / Math.ulp(expected);
			worst = Math.max(worst, ulps);
			assertThat(ulps).as("tanhshrink(%s) = %s, expected %s", in[i], out[i], expected).isLessThanOrEqualTo(2.0);
		}
		System.out.println("tanhshrink vector path: worst " + worst + " ulp");
	}

	@Test
	void tanhshrinkVectorPathShouldAnswerInPlaceAsIntoAnotherArray() {
		double[] in = inputs();
		warmUp(Hyperbolic.TANHSHRINK, Arrays.copyOf(in, 512), new double[512]);
		double[] out = new double[in.length];
		long events = Hyperbolic.TANHSHRINK.applyAll(in, out);
		double[] inPlace = in.clone();
		assertThat(Hyperbolic.TANHSHRINK.applyAll(inPlace, inPlace)).isEqualTo(events);
		for (int i = 0; i < in.length; i++) {
			assertThat(Math.abs(inPlace[i] - out[i])).as("tanhshrink in place at x = %s", in[i])
				.isLessThanOrEqualTo(4 * Math.ulp(out[i]));
		}
	}

	@Test
	void squareplusVectorPathShouldBeBitForBitTheScalarPathWithTheSameEvents() {
		for (double b : new double[] { 4.0, 1.0, 1e-300, 1e300, 0.0 }) {
			ScalarFunction f = Algebraic.squareplus(b);
			// the inputs include |x| > 1.34e154, the textbook's overflowing x²
			assertBulkMatchesScalar("squareplus b=" + b, f, inputs(), 0, true);
			assertBulkMatchesScalar("squareplus b=" + b + " at its edges", f, squareplusEdges(b), 0, false);
		}
	}

	/**
	 * Where squareplus's vector path hands lanes to the scalar path (x² + b at 1e−290 and
	 * 1e290) and where the textbook cancels (x² + b rounding to x², |x| ≈ 2^26·√b), with
	 * neighbours, and ±0, in place.
	 */
	private static double[] squareplusEdges(double b) {
		List<Double> points = new ArrayList<>();
		for (double edge : new double[] { 1e145, Math.sqrt(Math.max(1e-290 - b, 0)), 0x1p26 * Math.sqrt(b),
				0x1p27 * Math.sqrt(b), Math.sqrt(b), 0.0 }) {
			for (int k = -4; k <= 4; k++) {
				double v = edge + k * Math.ulp(edge);
				points.add(v);
				points.add(-v);
			}
		}
		double[] in = points.stream().mapToDouble(Double::doubleValue).toArray();
		double[] inPlace = in.clone();
		double[] out = new double[in.length];
		ScalarFunction f = Algebraic.squareplus(b);
		f.applyAll(in, out);
		f.applyAll(inPlace, inPlace);
		for (int i = 0; i < in.length; i++) {
			assertThat(Double.doubleToRawLongBits(inPlace[i])).as("squareplus in place at x = %s", in[i])
				.isEqualTo(Double.doubleToRawLongBits(out[i]));
		}
		return in;
	}

	private static void assertBulkMatchesScalar(ScalarFunction f, int ulps) {
		assertBulkMatchesScalar(f.toString(), f, inputs(), ulps, f != Piecewise.RELU && f != Piecewise.RELU6);
	}

	private static void assertBulkMatchesScalar(String name, ScalarFunction f, double[] in, int ulps,
			boolean withEvents) {
		double[] out = new double[in.length];
		warmUp(f, Arrays.copyOf(in, 512), new double[512]);
		long events = f.applyAll(in, out);
		long scalarEvents = 0;
		for (int i = 0; i < in.length; i++) {
			double expected = f.value(in[i]);
			scalarEvents += f.naiveFails(in[i]) ? 1 : 0;
			if (ulps == 0) {
				assertThat(Double.doubleToRawLongBits(out[i]))
					.as("%s(%s) = %s, scalar %s", name, in[i], out[i], expected)
					.isEqualTo(Double.doubleToRawLongBits(expected));
			}
			else if (out[i] != expected) {
				assertThat(Math.abs(out[i] - expected)).as("%s(%s) = %s, scalar %s", name, in[i], out[i], expected)
					.isLessThanOrEqualTo(ulps * Math.ulp(expected));
				assertThat(Math.copySign(1.0, out[i])).isEqualTo(Math.copySign(1.0, expected));
			}
		}
		assertThat(events).as("%s: events", name).isEqualTo(scalarEvents);
		if (withEvents) {
			assertThat(scalarEvents).as("%s: the inputs include events", name).isPositive();
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

package ai.activation.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masked variants of the softmax family, logsumexp and logmeanexp against the
 * high-precision references of {@link KernelAccuracyTests} and {@link GradientReference}
 * (apfloat and BigDecimal) computed on the unmasked sub-lane alone: each row of
 * {@link #ROWS} is spread over a longer lane, along axis 0 of a {@code [m, 2]} tensor (so
 * the lanes are strided), with masked elements between its elements whose values would
 * change every result if they took part (±1e308, 800, −800, random), and with a huge
 * upstream gradient at masked positions, which must be ignored. Masked positions must
 * answer +0.0 exactly; the others are held to the budgets of the unmasked functions.
 */
class MaskedKernelTests {

	private static final double[] NOISE = { 1e308, -1e308, 800, -800, 0, 1 };

	/**
	 * The hand-picked rows of {@link KernelAccuracyTests#rows()} and every fourth of its
	 * random ones: the masked path runs the unmasked kernels, which that class checks on
	 * all of them.
	 */
	private static final List<double[]> ROWS = rows();

	private static List<double[]> rows() {
		List<double[]> all = KernelAccuracyTests.rows();
		List<double[]> rows = new ArrayList<>(all.subList(0, 22));
		for (int i = 22; i < all.size(); i += 4) {
			rows.add(all.get(i));
		}
		return rows;
	}

	static Stream<Arguments> valueCases() {
		List<Arguments> cases = new ArrayList<>();
		for (double t : new double[] { 1, 0.5, 3 }) {
			cases.add(Arguments.of("softmax T=" + t, 4.0, AxisKernels.softmax(t),
					(Function<double[], double[]>) (row) -> KernelAccuracyTests.softmaxReference(row, t, false,
							false)));
			cases.add(Arguments.of("softmin T=" + t, 4.0, AxisKernels.softmin(t),
					(Function<double[], double[]>) (row) -> KernelAccuracyTests.softmaxReference(row, t, true, false)));
			cases.add(Arguments.of("log_softmax T=" + t, 4.0, AxisKernels.logSoftmax(t),
					(Function<double[], double[]>) (row) -> KernelAccuracyTests.softmaxReference(row, t, false, true)));
		}
		cases.add(Arguments.of("logsumexp", 4.0, LogSumExp.logsumexp(false),
				(Function<double[], double[]>) (row) -> new double[] { KernelAccuracyTests.logsumexp(row, false) }));
		cases.add(Arguments.of("logmeanexp", 4.0, LogSumExp.logmeanexp(true),
				(Function<double[], double[]>) (row) -> new double[] { KernelAccuracyTests.logsumexp(row, true) }));
		return cases.stream();
	}

	static Stream<Arguments> vjpCases() {
		List<Arguments> cases = new ArrayList<>();
		for (double t : new double[] { 1, 0.5, 3 }) {
			cases.add(Arguments.of("softmax T=" + t, 4.0, AxisKernels.softmax(t),
					(BiFunction<double[], double[], double[]>) (row, g) -> GradientReference.softmaxVjp(row, g, t,
							false, false)));
			cases.add(Arguments.of("softmin T=" + t, 4.0, AxisKernels.softmin(t),
					(BiFunction<double[], double[], double[]>) (row, g) -> GradientReference.softmaxVjp(row, g, t, true,
							false)));
			cases.add(Arguments.of("log_softmax T=" + t, 4.0, AxisKernels.logSoftmax(t),
					(BiFunction<double[], double[], double[]>) (row, g) -> GradientReference.softmaxVjp(row, g, t,
							false, true)));
		}
		cases.add(Arguments.of("logsumexp", 3.0, LogSumExp.logsumexp(false),
				(BiFunction<double[], double[], double[]>) KernelAccuracyTests::logsumexpVjp));
		cases.add(Arguments.of("logmeanexp", 3.0, LogSumExp.logmeanexp(true),
				(BiFunction<double[], double[], double[]>) KernelAccuracyTests::logsumexpVjp));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valueCases")
	void maskedValueShouldBeTheFunctionOfTheUnmaskedSubLane(String name, double budget, AxisFunction f,
			Function<double[], double[]> reference) {
		double worst = 0;
		for (double[] row : ROWS) {
			Spread spread = Spread.of(row, row.length * 17L + 3);
			boolean reduction = f.outputLength(spread.length) == 1 && spread.length > 1;
			double[] out = new double[reduction ? 2 : spread.in.length];
			f.applyMasked(spread.in, spread.mask, spread.lanes(), out);
			for (int column = 0; column < 2; column++) {
				double[] expected = reference.apply(spread.subLane(column));
				if (reduction) {
					worst = Math.max(worst, check(name, row, out[column], expected[0]));
					continue;
				}
				int k = 0;
				for (int j = 0; j < spread.length; j++) {
					int i = j * 2 + column;
					if (spread.mask[i] == 0) {
						assertThat(Double.doubleToRawLongBits(out[i]))
							.as("%s masked at %s of %s", name, i, Arrays.toString(spread.in))
							.isEqualTo(Double.doubleToRawLongBits(0.0));
					}
					else {
						worst = Math.max(worst, check(name, row, out[i], expected[k++]));
					}
				}
			}
		}
		assertThat(worst).as(name).isLessThanOrEqualTo(budget);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vjpCases")
	void maskedGradientShouldBeTheProductOfTheUnmaskedSubLaneAndZeroElsewhere(String name, double budget,
			AxisFunction f, BiFunction<double[], double[], double[]> reference) {
		double worst = 0;
		for (double[] row : ROWS) {
			Spread spread = Spread.of(row, row.length * 29L + 5);
			boolean reduction = f.outputLength(spread.length) == 1 && spread.length > 1;
			SplittableRandom random = new SplittableRandom(row.length * 31L + 7);
			double[] grad = new double[reduction ? 2 : spread.in.length];
			for (int i = 0; i < grad.length; i++) {
				// the grad of a masked position takes no part: make it one that would
				// show
				grad[i] = (!reduction && spread.mask[i] == 0) ? 1e308
						: random.nextDouble(-1, 1) * ((random.nextInt(8) == 0) ? 1e300 : 1);
			}
			double[] out = new double[spread.in.length];
			f.vjpMasked(spread.in, grad, spread.mask, spread.lanes(), out);
			for (int column = 0; column < 2; column++) {
				double[] subGrad = reduction ? new double[] { grad[column] } : spread.subLane(grad, column);
				double[] expected = reference.apply(spread.subLane(column), subGrad);
				int k = 0;
				for (int j = 0; j < spread.length; j++) {
					int i = j * 2 + column;
					if (spread.mask[i] == 0) {
						assertThat(Double.doubleToRawLongBits(out[i])).as("%s masked at %s", name, i)
							.isEqualTo(Double.doubleToRawLongBits(0.0));
					}
					else {
						worst = Math.max(worst, check(name, row, out[i], expected[k++]));
					}
				}
			}
		}
		assertThat(worst).as(name).isLessThanOrEqualTo(budget);
	}

	@Test
	void firstEmptyLaneShouldFindTheFirstLaneWithEveryElementMasked() {
		// shape [2, 3], along axis 0: lanes are the columns; column 1 is fully masked
		double[] mask = { 1, 0, 0, 0, 0, 1 };
		assertThat(AxisFunction.firstEmptyLane(mask, Lanes.of(new int[] { 2, 3 }, 0))).isEqualTo(1);
		// along axis 1 no row is empty
		assertThat(AxisFunction.firstEmptyLane(mask, Lanes.of(new int[] { 2, 3 }, 1))).isEqualTo(-1);
		assertThat(AxisFunction.firstEmptyLane(new double[] { 1, 1, 0, 0 }, Lanes.of(new int[] { 2, 2 }, 1)))
			.isEqualTo(1);
	}

	@Test
	void aMaskOfOnesShouldGiveTheUnmaskedResultBitForBit() {
		for (AxisFunction f : List.of(AxisKernels.softmax(1), AxisKernels.softmin(0.5), AxisKernels.logSoftmax(3),
				LogSumExp.logsumexp(false), LogSumExp.logmeanexp(false))) {
			double[] in = { 3, -1, 0.25, 700, 2, -745, 1e-300, 5 };
			double[] ones = new double[in.length];
			Arrays.fill(ones, 1);
			Lanes lanes = Lanes.of(new int[] { 2, 4 }, 1);
			double[] plain = new double[(f.outputLength(4) == 1) ? 2 : 8];
			double[] masked = new double[plain.length];
			f.apply(in, lanes, plain);
			f.applyMasked(in, ones, lanes, masked);
			assertThat(masked).isEqualTo(plain);
		}
	}

	@Test
	void functionsWithoutAMaskRuleShouldRefuseAMask() {
		AxisFunction glu = AxisKernels.glu();
		assertThat(glu.maskRule()).isNull();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(
					() -> glu.applyMasked(new double[2], new double[] { 1, 1 }, new Lanes(1, 2, 1), new double[1]))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(AxisKernels.softmax(1).maskRule()).contains("answer 0");
		assertThat(AxisKernels.logSoftmax(1).maskRule()).contains("-inf");
		assertThat(LogSumExp.logmeanexp(false).maskRule()).contains("count");
	}

	private static double check(String name, double[] row, double got, double expected) {
		double u = KernelAccuracyTests.ulps(got, expected);
		assertThat(u).as("%s of %s: got %s, expected %s", name, Arrays.toString(row), got, expected)
			.isLessThanOrEqualTo(4.0);
		return u;
	}

	/**
	 * A row spread over both columns of an {@code [m, 2]} tensor, lanes along axis 0:
	 * column 0 holds the row in order, column 1 reversed, each with masked noise between
	 * its elements.
	 */
	private record Spread(double[] in, double[] mask, int length) {

		static Spread of(double[] row, long seed) {
			SplittableRandom random = new SplittableRandom(seed);
			int n = row.length;
			int length = n + 1 + random.nextInt(n + 2);
			double[] in = new double[2 * length];
			double[] mask = new double[2 * length];
			for (int column = 0; column < 2; column++) {
				// choose which of the length positions hold the row
				boolean[] kept = new boolean[length];
				int placed = 0;
				while (placed < n) {
					int p = random.nextInt(length);
					if (!kept[p]) {
						kept[p] = true;
						placed++;
					}
				}
				int k = 0;
				for (int j = 0; j < length; j++) {
					int i = j * 2 + column;
					if (kept[j]) {
						in[i] = (column == 0) ? row[k] : row[n - 1 - k];
						mask[i] = 1;
						k++;
					}
					else {
						in[i] = random.nextBoolean() ? NOISE[random.nextInt(NOISE.length)]
								: random.nextDouble(-1000, 1000);
					}
				}
			}
			return new Spread(in, mask, length);
		}

		Lanes lanes() {
			return Lanes.of(new int[] { this.length, 2 }, 0);
		}

		double[] subLane(int column) {
			return subLane(this.in, column);
		}

		double[] subLane(double[] tensor, int column) {
			List<Double> values = new ArrayList<>();
			for (int j = 0; j < this.length; j++) {
				if (this.mask[j * 2 + column] != 0) {
					values.add(tensor[j * 2 + column]);
				}
			}
			return values.stream().mapToDouble(Double::doubleValue).toArray();
		}

	}

}

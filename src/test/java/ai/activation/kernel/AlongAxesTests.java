package ai.activation.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.catalog.Kernel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The softmax family, logsumexp, logmeanexp and standardize along a list of axes, as
 * JAX's tuple of axes, bound through the catalog as the service binds them: each lane
 * (every element that differs from another only along the listed axes) is gathered here
 * by its own index loops and checked against the arbitrary-precision references of
 * {@link KernelAccuracyTests} and {@link GradientReference}, value and vector-Jacobian
 * product, within the same ulp budgets as along one axis.
 */
class AlongAxesTests {

	private static final int[] SHAPE = { 3, 4, 5 };

	private static final int[][] AXES = { { 0, 2 }, { 2, 0 }, { -1, -3 }, { 1, 2 }, { 0, 1 }, { 0, 1, 2 } };

	@Test
	void softmaxLogSoftmaxAndSoftminNormalizeOverAllTheAxesAtOnce() {
		for (Activation function : List.of(Activation.SOFTMAX, Activation.LOG_SOFTMAX, Activation.SOFTMIN)) {
			for (int[] axes : AXES) {
				check(function, axes, Map.of("temperature", 1.0), 4,
						(lane) -> KernelAccuracyTests.softmaxReference(lane, 1, function == Activation.SOFTMIN,
								function == Activation.LOG_SOFTMAX),
						(lane, g) -> GradientReference.softmaxVjp(lane, g, 1, function == Activation.SOFTMIN,
								function == Activation.LOG_SOFTMAX));
			}
		}
	}

	@Test
	void standardizeUsesTheMeanAndVarianceOfAllTheAxes() {
		for (int[] axes : AXES) {
			check(Activation.STANDARDIZE, axes, Map.of("epsilon", 1e-5), 4,
					(lane) -> KernelAccuracyTests.standardize(lane, 1e-5),
					(lane, g) -> KernelAccuracyTests.standardizeVjp(lane, g, 1e-5));
		}
	}

	@Test
	void logsumexpRemovesEveryListedAxisOrKeepsEachWithLengthOne() {
		for (int[] axes : AXES) {
			Kernel removed = bind(Activation.LOGSUMEXP, axes, Map.of("keepdims", "false"));
			Kernel kept = bind(Activation.LOGSUMEXP, axes, Map.of("keepdims", "true"));
			int[] resolved = Arrays.stream(axes).map((a) -> (a < 0) ? a + 3 : a).sorted().toArray();
			List<Integer> expectedRemoved = new ArrayList<>();
			int[] expectedKept = SHAPE.clone();
			for (int d = 0; d < 3; d++) {
				if (Arrays.binarySearch(resolved, d) < 0) {
					expectedRemoved.add(SHAPE[d]);
				}
				else {
					expectedKept[d] = 1;
				}
			}
			assertThat(removed.outputShape(SHAPE)).as(Arrays.toString(axes))
				.containsExactly(expectedRemoved.isEmpty() ? new int[] { 1 }
						: expectedRemoved.stream().mapToInt(Integer::intValue).toArray());
			assertThat(kept.outputShape(SHAPE)).as(Arrays.toString(axes)).containsExactly(expectedKept);
			check(Activation.LOGSUMEXP, axes, Map.of("keepdims", "true"), 4,
					(lane) -> new double[] { KernelAccuracyTests.logsumexp(lane, false) },
					KernelAccuracyTests::logsumexpVjp);
			check(Activation.LOGMEANEXP, axes, Map.of("keepdims", "false"), 4,
					(lane) -> new double[] { KernelAccuracyTests.logsumexp(lane, true) },
					KernelAccuracyTests::logsumexpVjp);
		}
	}

	@Test
	void aMaskLeavesTheMaskedElementsOfTheGroupOutAndAnswersZeroThere() {
		double[] x = input(7);
		double[] mask = new double[x.length];
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < mask.length; i++) {
			mask[i] = (random.nextInt(3) == 0) ? 0 : 1;
		}
		int[] axes = { 0, 2 };
		// keep one element of each lane (j fixed): index (0, j, 0)
		for (int j = 0; j < SHAPE[1]; j++) {
			mask[j * SHAPE[2]] = 1;
		}
		Kernel kernel = bind(Activation.SOFTMAX, axes, Map.of("temperature", 1.0));
		Tensor input = new Tensor(x, SHAPE);
		Tensor maskTensor = new Tensor(mask, SHAPE);
		assertThat(kernel.firstEmptyLane(maskTensor)).isEqualTo(-1);
		double[] out = new double[x.length];
		kernel.value(input, maskTensor, out);
		for (int[] lane : lanes(axes)) {
			List<Integer> kept = new ArrayList<>();
			for (int index : lane) {
				if (mask[index] != 0) {
					kept.add(index);
				}
				else {
					assertThat(out[index]).isZero();
				}
			}
			double[] ref = KernelAccuracyTests.softmaxReference(kept.stream().mapToDouble((i) -> x[i]).toArray(), 1,
					false, false);
			for (int k = 0; k < kept.size(); k++) {
				assertThat(KernelAccuracyTests.ulps(out[kept.get(k)], ref[k])).isLessThanOrEqualTo(4);
			}
		}
		// a fully masked group: named by its first element, (0, 2, 0) at flat index 10
		double[] empty = new double[x.length];
		Arrays.fill(empty, 1);
		for (int i = 0; i < SHAPE[0]; i++) {
			for (int k = 0; k < SHAPE[2]; k++) {
				empty[(i * SHAPE[1] + 2) * SHAPE[2] + k] = 0;
			}
		}
		assertThat(kernel.firstEmptyLane(new Tensor(empty, SHAPE))).isEqualTo(10);
	}

	private static void check(Activation function, int[] axes, Map<String, Object> parameters, double budget,
			java.util.function.Function<double[], double[]> value, GradientFunction vjp) {
		Kernel kernel = bind(function, axes, parameters);
		for (int seed = 0; seed < 4; seed++) {
			double[] x = input(seed);
			Tensor input = new Tensor(x, SHAPE);
			int[] outputShape = kernel.outputShape(SHAPE);
			int outputSize = Arrays.stream(outputShape).reduce(1, Math::multiplyExact);
			double[] out = new double[outputSize];
			kernel.value(input, out);
			boolean reduces = outputSize < x.length;
			SplittableRandom random = new SplittableRandom(seed * 31L + 5);
			double[] grad = new double[outputSize];
			for (int i = 0; i < grad.length; i++) {
				grad[i] = random.nextDouble(-1, 1);
			}
			double[] product = new double[x.length];
			kernel.vjp(input, grad, product);
			List<int[]> lanes = lanes(axes);
			for (int l = 0; l < lanes.size(); l++) {
				int[] lane = lanes.get(l);
				double[] elements = Arrays.stream(lane).mapToDouble((i) -> x[i]).toArray();
				double[] expected = value.apply(elements);
				// a reduction's lanes are in the row-major order of the other axes, as
				// its output
				double[] g = reduces ? new double[] { grad[l] }
						: Arrays.stream(lane).mapToDouble((i) -> grad[i]).toArray();
				double[] expectedProduct = vjp.of(elements, g);
				for (int k = 0; k < lane.length; k++) {
					if (!reduces) {
						assertThat(KernelAccuracyTests.ulps(out[lane[k]], expected[k]))
							.as("%s along %s, seed %d, element %d", function, Arrays.toString(axes), seed, lane[k])
							.isLessThanOrEqualTo(budget);
					}
					assertThat(KernelAccuracyTests.ulps(product[lane[k]], expectedProduct[k]))
						.as("%s product along %s, seed %d, element %d", function, Arrays.toString(axes), seed, lane[k])
						.isLessThanOrEqualTo(budget);
				}
				if (reduces) {
					assertThat(KernelAccuracyTests.ulps(out[l], expected[0]))
						.as("%s along %s, seed %d, lane %d", function, Arrays.toString(axes), seed, l)
						.isLessThanOrEqualTo(budget);
				}
			}
		}
	}

	private interface GradientFunction {

		double[] of(double[] lane, double[] grad);

	}

	private static Kernel bind(Activation function, int[] axes, Map<String, Object> parameters) {
		Map<String, Object> values = new LinkedHashMap<>(parameters);
		values.put("axis", Arrays.stream(axes).boxed().toList());
		return function.bind(new Arguments(values));
	}

	/** Values at several scales, a tie, and one large term that dominates a lane. */
	private static double[] input(int seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] x = new double[60];
		double scale = new double[] { 1, 30, 1e-3, 700 }[seed % 4];
		for (int i = 0; i < x.length; i++) {
			x[i] = random.nextDouble(-1, 1) * scale;
		}
		x[7] = x[8];
		x[13] = 40 * scale;
		return x;
	}

	/**
	 * The lanes along the given axes of a {@link #SHAPE} tensor, in the row-major order
	 * of the other axes; each lane's flat indices in the row-major order of the listed
	 * axes.
	 */
	private static List<int[]> lanes(int[] axes) {
		int[] resolved = Arrays.stream(axes).map((a) -> (a < 0) ? a + 3 : a).sorted().toArray();
		List<int[]> lanes = new ArrayList<>();
		for (int i = 0; i < SHAPE[0]; i++) {
			for (int j = 0; j < SHAPE[1]; j++) {
				for (int k = 0; k < SHAPE[2]; k++) {
					int[] at = { i, j, k };
					// the lane's first element: the listed axes at 0
					boolean first = true;
					for (int axis : resolved) {
						first &= at[axis] == 0;
					}
					if (!first) {
						continue;
					}
					List<Integer> lane = new ArrayList<>();
					for (int a = 0; a < SHAPE[0]; a++) {
						for (int b = 0; b < SHAPE[1]; b++) {
							for (int c = 0; c < SHAPE[2]; c++) {
								int[] other = { a, b, c };
								boolean same = true;
								for (int d = 0; d < 3; d++) {
									if (Arrays.binarySearch(resolved, d) < 0) {
										same &= other[d] == at[d];
									}
								}
								if (same) {
									lane.add((a * SHAPE[1] + b) * SHAPE[2] + c);
								}
							}
						}
					}
					lanes.add(lane.stream().mapToInt(Integer::intValue).toArray());
				}
			}
		}
		return lanes;
	}

}

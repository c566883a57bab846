package ai.activation.activate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

import ai.activation.catalog.Activation;
import ai.activation.engine.ActivationResult;
import ai.activation.kernel.Tensor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two-thread printing of large results against Jackson's generator writing the same
 * nested array one value and one bracket at a time: the bytes must be the same, wherever
 * the halves meet and whichever thread prints the second one.
 */
class JsonResultWriterSharedTests {

	@Test
	void rangesShouldConcatenateToTheGeneratorsArrayAtEverySplit() {
		int[][] shapes = { { 7 }, { 3, 4 }, { 2, 3, 2 }, { 1, 1, 5 }, { 4, 1, 1 }, { 2, 1, 3, 2 } };
		for (int[] shape : shapes) {
			double[] values = values(product(shape), 7);
			String expected = generatorArray(values, shape);
			for (int split = 0; split <= values.length; split++) {
				String joined = formatted(values, shape, 0, split) + formatted(values, shape, split, values.length);
				assertThat(joined).as("shape %s split at %d", java.util.Arrays.toString(shape), split)
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void largeResultsShouldBeTheGeneratorsBytesOnTheHelperAndInLine() {
		int row = JsonResultWriter.SHARED_VALUES / 3 + 2;
		int[][] shapes = { { 6 * row }, { 6 * row + 1 }, { 6, row }, { 2, 3, row }, { 3 * row, 2 },
				{ 2 * row + 1, 3 } };
		ExecutorService pool = Executors.newSingleThreadExecutor();
		AtomicInteger handedOver = new AtomicInteger();
		Executor counting = (task) -> {
			handedOver.incrementAndGet();
			pool.execute(task);
		};
		Executor busy = (task) -> {
			throw new RejectedExecutionException("busy");
		};
		try {
			for (int[] shape : shapes) {
				ActivationResult result = result(values(product(shape), 11), shape);
				String expected = generatorDocument(result);
				String onHelper = written(result, counting);
				String inLine = written(result, busy);
				// AssertJ would print both megabyte strings on failure; compare, then say
				// where.
				assertThat(firstDifference(onHelper, expected)).as("helper, shape %s", java.util.Arrays.toString(shape))
					.isEqualTo(-1);
				assertThat(firstDifference(inLine, expected)).as("in-line, shape %s", java.util.Arrays.toString(shape))
					.isEqualTo(-1);
			}
			assertThat(handedOver.get()).isEqualTo(shapes.length);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void sizesAroundTheThresholdShouldBeTheGeneratorsBytes() {
		AtomicInteger handedOver = new AtomicInteger();
		Executor direct = (task) -> {
			handedOver.incrementAndGet();
			task.run();
		};
		for (int n : new int[] { JsonResultWriter.SHARED_VALUES - 1, JsonResultWriter.SHARED_VALUES,
				JsonResultWriter.SHARED_VALUES + 1 }) {
			ActivationResult result = result(values(n, n), new int[] { n });
			assertThat(firstDifference(written(result, direct), generatorDocument(result))).as("n = %d", n)
				.isEqualTo(-1);
		}
		// Only the two at or above the threshold are shared.
		assertThat(handedOver.get()).isEqualTo(2);
	}

	private static String formatted(double[] values, int[] shape, int from, int to) {
		JsonResultWriter.Bytes out = new JsonResultWriter.Bytes(4);
		JsonResultWriter.format(values, shape, from, to, out, null);
		return new String(out.bytes, 0, out.length, StandardCharsets.US_ASCII);
	}

	private static String written(ActivationResult result, Executor helper) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonResultWriter.write(result, out, helper);
		return out.toString(StandardCharsets.UTF_8);
	}

	/** The whole document as Jackson's generator writes it, one token at a time. */
	private static String generatorDocument(ActivationResult result) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = JsonResultWriter.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
			generator.writeStartObject();
			generator.writeStringProperty("function", result.function().canonicalName());
			generator.writeName("shape");
			generator.writeStartArray();
			for (int extent : result.output().shape()) {
				generator.writeNumber(extent);
			}
			generator.writeEndArray();
			generator.writeName("values");
			nest(generator, result.output().values(), result.output().shape(), 0, new int[] { 0 });
			generator.writeEndObject();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String generatorArray(double[] values, int[] shape) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = JsonResultWriter.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
			nest(generator, values, shape, 0, new int[] { 0 });
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static void nest(JsonGenerator generator, double[] values, int[] shape, int depth, int[] next) {
		generator.writeStartArray();
		for (int k = 0; k < shape[depth]; k++) {
			if (depth == shape.length - 1) {
				generator.writeNumber(values[next[0]++]);
			}
			else {
				nest(generator, values, shape, depth + 1, next);
			}
		}
		generator.writeEndArray();
	}

	private static ActivationResult result(double[] values, int[] shape) {
		return new ActivationResult(Activation.SOFTMAX, new Tensor(values, shape), 0);
	}

	/**
	 * Finite doubles of every magnitude and sign, subnormals and both zeros among them.
	 */
	private static double[] values(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[] values = new double[n];
		for (int i = 0; i < n; i++) {
			values[i] = switch (i % 4) {
				case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
				case 1 -> -random.nextDouble();
				case 2 -> random.nextDouble() * 1e-6;
				default -> (i % 8 == 3) ? -0.0 : Double.MIN_VALUE * random.nextInt(1, 1000);
			};
		}
		return values;
	}

	private static int product(int[] shape) {
		int n = 1;
		for (int extent : shape) {
			n *= extent;
		}
		return n;
	}

	private static int firstDifference(String a, String b) {
		int n = Math.min(a.length(), b.length());
		for (int i = 0; i < n; i++) {
			if (a.charAt(i) != b.charAt(i)) {
				return i;
			}
		}
		return (a.length() == b.length()) ? -1 : n;
	}

}

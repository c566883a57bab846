package ai.activation.activate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import ai.activation.engine.ActivationResult;
import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Every double the JSON writer prints, with Jackson's fast double writer on, reads back
 * to the same bits. Read back by {@link Double#parseDouble(String)}, which is correctly
 * rounded and independent of Jackson. Inputs are random bit patterns (QuickTheories,
 * fixed seed) and the known hard cases of shortest-digit printing.
 */
class JsonResultWriterRoundTripTests {

	private static final long SEED = 20261129L;

	@Test
	void randomBitPatternsShouldReadBackToTheSameBits() {
		QuickTheory.qt()
			.withFixedSeed(SEED)
			.withExamples(100_000)
			.forAll(longs().all())
			.assuming((bits) -> Double.isFinite(Double.longBitsToDouble(bits)))
			.checkAssert((bits) -> assertRoundTrips(Double.longBitsToDouble(bits)));
	}

	@Test
	void randomArraysShouldReadBackToTheSameBitsInOrder() {
		QuickTheory.qt()
			.withFixedSeed(SEED)
			.withExamples(300)
			.forAll(lists().of(longs().all()).ofSizeBetween(1, 3_000))
			.checkAssert((bits) -> {
				double[] values = finite(bits);
				assertThat(readBack(write(values))).containsExactly(values);
			});
	}

	@Test
	void hardCasesShouldReadBackToTheSameBits() {
		double[] hard = { Double.MIN_VALUE, 0x1p-1074, 2 * Double.MIN_VALUE, Double.MIN_NORMAL,
				Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL), Double.MAX_VALUE,
				Math.nextDown(Double.MAX_VALUE), 1e23, 8.41e21, 5e-324, 9007199254740993.0, 9007199254740992.0,
				9007199254740991.0, 0x1p53 + 2, 2.0e-3, 1.0e-5, 1.0e7, 1.0e22, 4.35e-307, 2.2250738585072014e-308,
				2.2250738585072011e-308, 0.1, 0.3, 1.0 / 3.0, 123456789012345680.0, 1.7976931348623157e308, -0.0, 0.0,
				-Double.MIN_VALUE, -Double.MAX_VALUE, 5.0e-324 * 3, 9.999999999999999e22, 1.0e-300, 2.4e-322 };
		for (double value : hard) {
			assertRoundTrips(value);
		}
		assertThat(readBack(write(hard))).containsExactly(hard);
	}

	@Test
	void shortestDigitsShouldBePrintedForValuesThatHaveFewDigits() {
		assertThat(numbers(write(new double[] { 1e23, 0.1, 9007199254740993.0, 5e-324 }))).containsExactly("1.0E23",
				"0.1", "9.007199254740992E15", "4.9E-324");
	}

	private static void assertRoundTrips(double value) {
		double read = readBack(write(new double[] { value }))[0];
		assertThat(Double.doubleToRawLongBits(read)).as("%s (bits %x)", value, Double.doubleToRawLongBits(value))
			.isEqualTo(Double.doubleToRawLongBits(value));
	}

	private static double[] finite(List<Long> bits) {
		return bits.stream()
			.mapToDouble(Double::longBitsToDouble)
			.map((v) -> Double.isFinite(v) ? v : Math.copySign(Double.MAX_VALUE, v))
			.toArray();
	}

	private static String write(double[] values) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonResultWriter
			.write(new ActivationResult(Activation.IDENTITY, new Tensor(values, new int[] { values.length }), 0), out);
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String[] numbers(String json) {
		String array = json.substring(json.indexOf("\"values\":[") + 10, json.lastIndexOf(']'));
		return array.split(",");
	}

	private static double[] readBack(String json) {
		return Arrays.stream(numbers(json)).mapToDouble(Double::parseDouble).toArray();
	}

}

package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON reader gathers values in blocks: every length around the block boundaries
 * reads back the same values in order, as a vector and as a matrix.
 */
class JsonTensorReaderSizesTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 63, 64, 65, 16_383, 16_384, 16_385, 32_768, 40_000 })
	void valuesOfAnyLengthShouldReadBackInOrder(int length) {
		SplittableRandom random = new SplittableRandom(length);
		double[] values = new double[length];
		StringBuilder vector = new StringBuilder("{\"values\":[");
		StringBuilder matrix = new StringBuilder("{\"values\":[");
		for (int i = 0; i < length; i++) {
			values[i] = random.nextDouble(-1e6, 1e6);
			vector.append((i > 0) ? "," : "").append(values[i]);
			matrix.append((i > 0) ? "," : "").append('[').append(values[i]).append(']');
		}
		Tensor read = read(vector.append("]}").toString());
		assertThat(read.shape()).containsExactly(length);
		assertThat(read.values()).containsExactly(values);
		Tensor column = read(matrix.append("]}").toString());
		assertThat(column.shape()).containsExactly(length, 1);
		assertThat(column.values()).containsExactly(values);
	}

	private static Tensor read(String json) {
		return new JsonTensorReader(new LimitsProperties(), (values) -> {
		}).read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
	}

}

package ai.activation.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ValueBuffer}: the bulk adds keep every value, widened exactly, and
 * note the first value that is not finite at its index in the tensor.
 */
class ValueBufferTests {

	private static ValueBuffer buffer() {
		return new ValueBuffer(1 << 22, (n) -> {
		}, IllegalStateException::new);
	}

	@Test
	void floatsShouldBeWidenedExactlyAcrossBlocks() {
		ValueBuffer buffer = buffer();
		int n = 300_000;
		FloatBuffer floats = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		for (int i = 0; i < n; i++) {
			floats.put(i, i * 0.25f - 1000f);
		}
		buffer.add(floats);
		double[] values = buffer.take();
		assertThat(values).hasSize(n);
		// i * 0.25 - 1000 is exact in float for these i, so the widened double is that
		// decimal number exactly.
		assertThat(values[0]).isEqualTo(-1000.0);
		assertThat(values[4001]).isEqualTo(0.25);
		assertThat(values[5001]).isEqualTo(250.25);
		assertThat(values[n - 1]).isEqualTo(73_999.75);
		assertThat(floats.hasRemaining()).isFalse();
	}

	@Test
	void firstNonFiniteShouldBeTheFirstBadIndexOfTheTensorBeingRead() {
		ValueBuffer buffer = buffer();
		double[] doubles = new double[200_000];
		doubles[150_001] = Double.POSITIVE_INFINITY;
		doubles[170_000] = Double.NaN;
		buffer.add(DoubleBuffer.wrap(doubles, 0, 100_000));
		assertThat(buffer.firstNonFinite()).isEqualTo(-1);
		buffer.add(DoubleBuffer.wrap(doubles, 100_000, 100_000));
		assertThat(buffer.firstNonFinite()).isEqualTo(150_001);
		buffer.take();
		assertThat(buffer.firstNonFinite()).isEqualTo(-1);
		FloatBuffer floats = FloatBuffer.wrap(new float[] { 1f, 2f, Float.NaN, Float.NEGATIVE_INFINITY });
		buffer.add(floats);
		assertThat(buffer.firstNonFinite()).isEqualTo(2);
		buffer.take();
		buffer.add(1.0);
		buffer.add(Double.NEGATIVE_INFINITY);
		assertThat(buffer.firstNonFinite()).isEqualTo(1);
	}

}

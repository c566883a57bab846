package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import ai.activation.engine.InvalidBodyException;
import ai.activation.engine.TooManyValuesException;
import ai.activation.catalog.Catalog;
import ai.activation.catalog.Parameter;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The binary codec without HTTP: bodies of unknown length arriving in odd-sized pieces,
 * the value limit with and without a length, and the codec parameters.
 */
class BinaryTensorCodecTests {

	private static final TensorEncoding FLOAT64 = TensorEncoding.DEFAULT;

	@Test
	void bodyOfUnknownLengthInOddPiecesShouldBeReadWhole() throws IOException {
		double[] values = new double[20_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.scalb(i - 10_000.5, i % 50 - 25);
		}
		Tensor tensor = new BinaryTensorCodec(1 << 20).read(trickle(float64(values), 7), -1, FLOAT64);
		assertThat(tensor.shape()).containsExactly(values.length);
		assertThat(tensor.values()).containsExactly(values);
	}

	@Test
	void moreValuesThanTheLimitShouldBeRefusedWithOrWithoutALength() {
		BinaryTensorCodec codec = new BinaryTensorCodec(4);
		byte[] five = float64(1, 2, 3, 4, 5);
		assertThatExceptionOfType(TooManyValuesException.class)
			.isThrownBy(() -> codec.read(new ByteArrayInputStream(five), five.length, FLOAT64));
		assertThatExceptionOfType(TooManyValuesException.class)
			.isThrownBy(() -> codec.read(trickle(five, 3), -1, FLOAT64));
		assertThatExceptionOfType(TooManyValuesException.class)
			.isThrownBy(() -> codec.read(new ByteArrayInputStream(new byte[0]), -1,
					TensorEncoding.of(Map.of("shape", new String[] { "5" }), 8)));
	}

	@Test
	void valuesAtTheLimitShouldBeRead() throws IOException {
		byte[] four = float64(1, 2, 3, 4);
		assertThat(new BinaryTensorCodec(4).read(trickle(four, 5), -1, FLOAT64).values()).containsExactly(1, 2, 3, 4);
	}

	@Test
	void bodyOfUnknownLengthShorterThanTheShapeShouldSayBothLengths() {
		TensorEncoding shape = TensorEncoding.of(Map.of("shape", new String[] { "2,2" }), 8);
		assertThatExceptionOfType(InvalidBodyException.class)
			.isThrownBy(() -> new BinaryTensorCodec(100).read(trickle(float64(1, 2, 3), 5), -1, shape))
			.withMessageContaining("24 bytes")
			.withMessageContaining("32 bytes");
	}

	@Test
	void shapeParameterShouldAllowSpacesAndGiveTheCount() {
		TensorEncoding encoding = TensorEncoding
			.of(Map.of("shape", new String[] { "2, 3,4" }, "dtype", new String[] { "FLOAT32" }), 8);
		assertThat(encoding.shape()).containsExactly(2, 3, 4);
		assertThat(encoding.count()).isEqualTo(24);
		assertThat(encoding.dtype()).isEqualTo(TensorEncoding.Dtype.FLOAT32);
	}

	@Test
	void hugeShapeCountShouldSaturateInsteadOfOverflowing() {
		TensorEncoding encoding = TensorEncoding
			.of(Map.of("shape", new String[] { "2147483647,2147483647,2147483647" }), 8);
		assertThat(encoding.count()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void noCatalogFunctionShouldHaveAParameterNamedLikeACodecParameter() {
		assertThat(Catalog.all()).allSatisfy((function) -> assertThat(function.parameters()).extracting(Parameter::name)
			.doesNotContainAnyElementsOf(TensorEncoding.PARAMETERS));
	}

	private static byte[] float64(double... values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (double value : values) {
			buffer.putDouble(value);
		}
		return buffer.array();
	}

	/** A stream that hands out at most {@code piece} bytes per read, as a network may. */
	private static InputStream trickle(byte[] bytes, int piece) {
		return new FilterInputStream(new ByteArrayInputStream(bytes)) {
			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				return super.read(buffer, offset, Math.min(length, piece));
			}
		};
	}

}

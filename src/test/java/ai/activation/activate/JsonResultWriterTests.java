package ai.activation.activate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import ai.activation.engine.ActivationResult;
import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;
import ai.activation.limits.LimitsProperties;

import static org.assertj.core.api.Assertions.assertThat;

class JsonResultWriterTests {

	@Test
	void vectorShouldBeWrittenWithFunctionAndShape() {
		String json = write(new Tensor(new double[] { 0.5, -0.0, 1e-310 }, new int[] { 3 }));
		assertThat(json).isEqualTo("{\"function\":\"sigmoid\",\"shape\":[3],\"values\":[0.5,-0.0,1.0E-310]}");
	}

	@Test
	void tensorShouldBeWrittenNestedAsItsShapeSays() {
		double[] values = new double[12];
		for (int i = 0; i < values.length; i++) {
			values[i] = i;
		}
		String json = write(new Tensor(values, new int[] { 2, 3, 2 }));
		assertThat(json).endsWith("\"shape\":[2,3,2],\"values\":[[[0.0,1.0],[2.0,3.0],[4.0,5.0]],"
				+ "[[6.0,7.0],[8.0,9.0],[10.0,11.0]]]}");
	}

	@Test
	void writtenDoublesShouldReadBackToTheSameBits() {
		SplittableRandom random = new SplittableRandom(42);
		double[] values = new double[5_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL)
					* (random.nextBoolean() ? 1 : -1);
		}
		values[0] = Double.MIN_VALUE;
		values[1] = Double.MAX_VALUE;
		values[2] = -0.0;
		Tensor written = new Tensor(values, new int[] { 50, 100 });
		String json = write(written);
		String body = "{\"values\":" + json.substring(json.indexOf("\"values\":") + 9);
		Tensor read = new JsonTensorReader(new LimitsProperties(), (reserved) -> {
		}).read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		assertThat(read).isEqualTo(written);
	}

	private static String write(Tensor output) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JsonResultWriter.write(new ActivationResult(Activation.SIGMOID, output, 0), out);
		return out.toString(StandardCharsets.UTF_8);
	}

}

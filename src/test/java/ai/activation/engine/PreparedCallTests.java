package ai.activation.engine;

import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link PreparedCall#apply} of values on tensors, without HTTP. Expected values are
 * hand-computed or from mpmath (50 digits, rounded once to double).
 */
class PreparedCallTests {

	@Test
	void anElementwiseFunctionKeepsTheShapeAndLeavesTheInputAlone() {
		double[] values = { -1.0, 0.0, 2.0, -3.5 };
		Tensor input = new Tensor(values, new int[] { 2, 2 });
		ActivationResult result = apply(Activation.RELU, defaults(Activation.RELU), input);
		assertThat(result.function()).isEqualTo(Activation.RELU);
		assertThat(result.output().shape()).containsExactly(2, 2);
		assertThat(result.output().values()).containsExactly(0.0, 0.0, 2.0, 0.0);
		assertThat(values).containsExactly(-1.0, 0.0, 2.0, -3.5);
		assertThat(result.overflowAvoided()).isZero();
	}

	@Test
	void sigmoidFarInTheLeftTailCountsOneOverflowAvoidedPerElement() {
		// e^800 overflows in the textbook 1 / (1 + e^-x); the answer, e^-800 ≈ 3.6e-348,
		// flushes to 0.
		Tensor input = new Tensor(new double[] { -800.0, 0.0, -710.0 }, new int[] { 3 });
		ActivationResult result = apply(Activation.SIGMOID, defaults(Activation.SIGMOID), input);
		assertThat(result.output().values()[1]).isEqualTo(0.5);
		assertThat(result.overflowAvoided()).isEqualTo(2);
	}

	@Test
	void gluHalvesTheAxisItIsAppliedAlong() {
		// x = [[1, 2, 3, 4], [-1, 0.5, -2, 0]] along axis 0: a = row 0, b = row 1, a *
		// sigmoid(b) (mpmath).
		Tensor input = new Tensor(new double[] { 1, 2, 3, 4, -1, 0.5, -2, 0 }, new int[] { 2, 4 });
		ActivationResult result = apply(Activation.GLU,
				ArgumentBinder.bindText(Activation.GLU, Map.of("axis", new String[] { "0" })), input);
		assertThat(result.output().shape()).containsExactly(1, 4);
		double[] expected = { 0.2689414213699951, 1.2449186624037092, 0.35760876606635267, 2.0 };
		for (int i = 0; i < expected.length; i++) {
			assertThat(result.output().values()[i]).isCloseTo(expected[i], within(2 * Math.ulp(expected[i])));
		}
	}

	@Test
	void softmaxAlongTheFirstAxisOfAMatrixNormalisesEachColumn() {
		Tensor input = new Tensor(new double[] { 0, 5, Math.log(3), 5 }, new int[] { 2, 2 });
		ActivationResult result = apply(Activation.SOFTMAX,
				ArgumentBinder.bindText(Activation.SOFTMAX, Map.of("axis", new String[] { "-2" })), input);
		assertThat(result.output().values()[0]).isCloseTo(0.25, within(1e-16));
		assertThat(result.output().values()[1]).isEqualTo(0.5);
		assertThat(result.output().values()[2]).isCloseTo(0.75, within(1e-16));
		assertThat(result.output().values()[3]).isEqualTo(0.5);
	}

	@Test
	void aResultBeyondTheDoubleRangeIsRefusedWithThePointerOfItsInput() {
		Tensor input = new Tensor(new double[] { 1, 2, 3, Double.MAX_VALUE, 5, Double.MAX_VALUE }, new int[] { 2, 3 });
		ResultOutOfRangeException ex = catchThrowableOfType(ResultOutOfRangeException.class,
				() -> apply(Activation.SELU, defaults(Activation.SELU), input));
		assertThat(ex.getStatusCode().value()).isEqualTo(422);
		assertThat(ex.getBody().getProperties()).containsEntry("pointer", "/values/1/0");
	}

	@Test
	void anAxisFunctionBeyondTheDoubleRangePointsAtTheOutputPositionsInput() {
		// (-1e308 - 1e308) / 0.5 overflows to -inf in the second row, second element.
		Tensor input = new Tensor(new double[] { 0, 1, 1e308, -1e308 }, new int[] { 2, 2 });
		ResultOutOfRangeException ex = catchThrowableOfType(ResultOutOfRangeException.class,
				() -> apply(Activation.LOG_SOFTMAX,
						ArgumentBinder.bindText(Activation.LOG_SOFTMAX, Map.of("temperature", new String[] { "0.5" })),
						input));
		assertThat(ex.getBody().getProperties()).containsEntry("pointer", "/values/1/1");
	}

	private static ActivationResult apply(Activation function, Arguments arguments, Tensor input) {
		return new PreparedCall(function, Mode.VALUE, arguments, ActivationEngine.CallRecorder.NONE).apply(input, null);
	}

	private Arguments defaults(Activation function) {
		return ArgumentBinder.bindText(function, Map.of());
	}

}

package ai.activation.activate;

import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link RequestValidator}: the checks that need both the arguments and the tensor.
 */
class RequestValidatorTests {

	private final RequestValidator validator = new RequestValidator();

	private final ArgumentBinder binder = new ArgumentBinder();

	private final Tensor matrix = new Tensor(new double[6], new int[] { 2, 3 });

	@Test
	void axesFromMinusRankToRankMinusOneAreAccepted() {
		for (String axis : new String[] { "-2", "-1", "0", "1" }) {
			assertThatNoException()
				.isThrownBy(() -> this.validator.validate(call(Activation.SOFTMAX, axis), this.matrix));
		}
	}

	@Test
	void axesOutsideTheRankAreRejectedWithTheirRange() {
		for (String axis : new String[] { "-3", "2", "8" }) {
			InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
					() -> this.validator.validate(call(Activation.SOFTMAX, axis), this.matrix));
			assertThat(ex.getBody().getProperties()).containsEntry("parameter", "axis");
			assertThat(ex.getBody().getDetail()).contains("Axis " + axis, "rank 2", "[-2, 2)");
		}
	}

	@Test
	void gluRejectsAnOddAxisAndAcceptsAnEvenOne() {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> this.validator.validate(call(Activation.GLU, "1"), this.matrix));
		assertThat(ex.getBody().getProperties()).containsEntry("axis", 1).containsEntry("axisLength", 3);
		assertThatNoException().isThrownBy(() -> this.validator.validate(call(Activation.GLU, "0"), this.matrix));
	}

	private FunctionCall call(Activation function, String axis) {
		return new FunctionCall(function, this.binder.bind(function, Map.of("axis", new String[] { axis })));
	}

}

package ai.activation.engine;

import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link PreparedCall#check(int[])}: the checks that need both the arguments and the
 * tensor.
 */
class PreparedCallCheckTests {

	private final Tensor matrix = new Tensor(new double[6], new int[] { 2, 3 });

	@Test
	void axesFromMinusRankToRankMinusOneAreAccepted() {
		for (String axis : new String[] { "-2", "-1", "0", "1" }) {
			assertThatNoException().isThrownBy(() -> call(Activation.SOFTMAX, axis).check(this.matrix.shape()));
		}
	}

	@Test
	void axesOutsideTheRankAreRejectedWithTheirRange() {
		for (String axis : new String[] { "-3", "2", "8" }) {
			InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
					() -> call(Activation.SOFTMAX, axis).check(this.matrix.shape()));
			assertThat(ex.getBody().getProperties()).containsEntry("parameter", "axis");
			assertThat(ex.getBody().getDetail()).contains("Axis " + axis, "rank 2", "[-2, 2)");
		}
	}

	@Test
	void gluRejectsAnOddAxisAndAcceptsAnEvenOne() {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> call(Activation.GLU, "1").check(this.matrix.shape()));
		assertThat(ex.getBody().getProperties()).containsEntry("axis", 1).containsEntry("axisLength", 3);
		assertThatNoException().isThrownBy(() -> call(Activation.GLU, "0").check(this.matrix.shape()));
	}

	private PreparedCall call(Activation function, String axis) {
		return ActivationEngine.unaccounted()
			.prepare(function, Mode.VALUE, Invocation.textArguments(Map.of("axis", new String[] { axis })));
	}

}

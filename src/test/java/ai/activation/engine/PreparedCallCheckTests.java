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

	@Test
	void preluWeightsPerChannelMustBeAsManyAsTheChannelAxisIsLongAndTheMessageNamesBoth() {
		PreparedCall three = prelu(Map.of("weight", new String[] { "0.1,0.2,0.3" }));
		// PyTorch's channel dimension 1 of a (N, C) or (N, C, H, W) input
		assertThatNoException().isThrownBy(() -> three.check(new int[] { 2, 3 }));
		assertThatNoException().isThrownBy(() -> three.check(new int[] { 1, 3, 4, 5 }));
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> three.check(new int[] { 3, 2 }));
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", "weight")
			.containsEntry("axis", 1)
			.containsEntry("axisLength", 2);
		assertThat(ex.getBody().getDetail()).contains("weight has 3 values", "channel axis 1 has length 2", "[3, 2]");
		// a vector has no channel axis, as in PyTorch, unless axis=0 is given
		InvalidParameterException vector = catchThrowableOfType(InvalidParameterException.class,
				() -> three.check(new int[] { 3 }));
		assertThat(vector.getBody().getDetail()).contains("no channel axis", "axis=0");
		PreparedCall alongVector = prelu(
				Map.of("weight", new String[] { "0.1,0.2,0.3" }, "axis", new String[] { "0" }));
		assertThatNoException().isThrownBy(() -> alongVector.check(new int[] { 3 }));
		PreparedCall last = prelu(Map.of("weight", new String[] { "0.1,0.2" }, "axis", new String[] { "-1" }));
		assertThatNoException().isThrownBy(() -> last.check(new int[] { 3, 2 }));
		// one shared weight suits any shape
		assertThatNoException().isThrownBy(() -> prelu(Map.of()).check(new int[] { 7 }));
		assertThatNoException()
			.isThrownBy(() -> prelu(Map.of("weight", new String[] { "0.5" })).check(new int[] { 2, 9 }));
	}

	@Test
	void preluAppliesEachChannelsWeightAlongTheChannelAxis() {
		// (N, C, W) = (2, 2, 2): channel 0 takes 0.5, channel 1 takes -2
		Tensor x = new Tensor(new double[] { -1, 4, -3, -0.5, 2, -8, 6, -0.25 }, new int[] { 2, 2, 2 });
		PreparedCall call = prelu(Map.of("weight", new String[] { "0.5,-2" }));
		assertThat(call.apply(x, null).output().values()).containsExactly(-0.5, 4, 6, 1, 2, -4, 6, 0.5);
		PreparedCall gradient = ActivationEngine.unaccounted()
			.prepare(Activation.PRELU, Mode.GRADIENT,
					Invocation.textArguments(Map.of("weight", new String[] { "0.5,-2" })));
		assertThat(gradient.apply(x, null).output().values()).containsExactly(0.5, 1, -2, -2, 1, 0.5, 1, -2);
	}

	private PreparedCall prelu(Map<String, String[]> arguments) {
		return ActivationEngine.unaccounted()
			.prepare(Activation.PRELU, Mode.VALUE, Invocation.textArguments(arguments));
	}

	private PreparedCall call(Activation function, String axis) {
		return ActivationEngine.unaccounted()
			.prepare(function, Mode.VALUE, Invocation.textArguments(Map.of("axis", new String[] { axis })));
	}

}

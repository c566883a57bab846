package ai.activation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.activation.catalog.Activation;
import ai.activation.kernel.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link PreparedCall#applyInPlace} against {@link PreparedCall#apply} on the same
 * values: the same bits, events and faults, in the same order, across several blocks of
 * {@value PreparedCall#BLOCK}. The values of {@code apply} are held to mpmath and apfloat
 * references by the kernel tests; these tests hold the block-by-block path to them.
 */
class PreparedCallInPlaceTests {

	/** Three blocks and a short one. */
	private static final int N = 3 * PreparedCall.BLOCK + 123;

	@ParameterizedTest
	@EnumSource(names = { "SIGMOID", "GELU", "SILU", "SOFTPLUS", "SELU", "ELU", "MISH", "SNAKE", "TANH", "RELU",
			"LOG1MEXP", "SQUAREPLUS" })
	void everyBlockShouldGetTheBitsAndEventsOfTheWholeArrayCall(Activation function) {
		double[] x = values(function == Activation.LOG1MEXP);
		List<Long> recorded = new ArrayList<>();
		PreparedCall whole = call(function, recorded);
		ActivationResult expected = whole.apply(new Tensor(x.clone(), new int[] { N }), null);
		Doubles held = new Doubles(x.clone(), Double.MAX_VALUE);
		PreparedCall inPlace = call(function, recorded);
		assertThat(inPlace.runsInPlace()).isTrue();
		InPlaceResult result = inPlace.applyInPlace(held, new int[] { N });
		for (int i = 0; i < N; i++) {
			assertThat(Double.doubleToRawLongBits(held.values[i])).as("%s(%s)", function.canonicalName(), x[i])
				.isEqualTo(Double.doubleToRawLongBits(expected.output().values()[i]));
		}
		assertThat(result.overflowAvoided()).isEqualTo(expected.overflowAvoided());
		assertThat(result.shape()).containsExactly(N);
		assertThat(recorded).containsExactly(expected.overflowAvoided(), expected.overflowAvoided());
	}

	@Test
	void theSigmoidTailShouldCountItsEventsInEveryBlock() {
		double[] x = new double[N];
		Arrays.fill(x, -800.0);
		InPlaceResult result = call(Activation.SIGMOID, new ArrayList<>()).applyInPlace(new Doubles(x, 1e300),
				new int[] { N });
		assertThat(result.overflowAvoided()).isEqualTo(N);
		assertThat(x).containsOnly(0.0);
	}

	@Test
	void anInputThatIsNotFiniteShouldComeBeforeAnEarlierResultOutOfRange() {
		double[] x = values(false);
		x[5] = Double.MAX_VALUE; // selu overflows here, in the first block
		x[2 * PreparedCall.BLOCK + 7] = Double.NaN; // and this input is not finite, in
													// the third
		List<Long> recorded = new ArrayList<>();
		InvalidBodyException fault = catchThrowableOfType(InvalidBodyException.class,
				() -> call(Activation.SELU, recorded).applyInPlace(new Doubles(x, Double.MAX_VALUE), new int[] { N }));
		assertThat(fault.getPointer()).isEqualTo("/values/" + (2 * PreparedCall.BLOCK + 7));
		assertThat(fault.getMessage()).contains("NaN", "finite");
		assertThat(recorded).isEmpty();
	}

	@Test
	void aResultOutOfTheDoubleRangeShouldComeBeforeAnEarlierOneTheEncodingCannotHold() {
		double[] x = values(false);
		x[9] = 1e30; // beyond what the encoding below holds
		x[PreparedCall.BLOCK + 3] = Double.MAX_VALUE; // selu beyond the double range
		ResultOutOfRangeException fault = catchThrowableOfType(ResultOutOfRangeException.class,
				() -> call(Activation.SELU, new ArrayList<>()).applyInPlace(new Doubles(x, 1e20), new int[] { 1, N }));
		assertThat(fault.getBody().getProperties().get("pointer")).isEqualTo("/values/0/" + (PreparedCall.BLOCK + 3));
		assertThat(fault.getBody().getDetail()).contains("selu", "range of a double");
	}

	@Test
	void aResultTheEncodingCannotHoldShouldBeRefusedInItsWords() {
		double[] x = values(false);
		x[PreparedCall.BLOCK + 11] = 1e30;
		x[PreparedCall.BLOCK + 12] = 1e31;
		ResultOutOfRangeException fault = catchThrowableOfType(ResultOutOfRangeException.class,
				() -> call(Activation.IDENTITY, new ArrayList<>()).applyInPlace(new Doubles(x, 1e20), new int[] { N }));
		assertThat(fault.getBody().getProperties().get("pointer")).isEqualTo("/values/" + (PreparedCall.BLOCK + 11));
		assertThat(fault.getBody().getDetail())
			.isEqualTo("identity: 1.0E30 beyond 1.0E20 at /values/" + (PreparedCall.BLOCK + 11));
	}

	@Test
	void anInputOutsideTheDomainShouldBe422NamingIt() {
		double[] x = values(true);
		x[PreparedCall.BLOCK * 2] = -1.0;
		OutsideDomainException fault = catchThrowableOfType(OutsideDomainException.class,
				() -> call(Activation.LOG1MEXP, new ArrayList<>()).applyInPlace(new Doubles(x, Double.MAX_VALUE),
						new int[] { N }));
		assertThat(fault.getBody().getProperties().get("pointer")).isEqualTo("/values/" + PreparedCall.BLOCK * 2);
		assertThat(fault.getBody().getDetail()).contains("log1mexp", "-1.0");
	}

	@Test
	void functionsAlongAnAxisAndGradientsShouldNotRunInPlace() {
		PreparedCall softmax = call(Activation.SOFTMAX, new ArrayList<>());
		assertThat(softmax.runsInPlace()).isFalse();
		assertThatIllegalStateException()
			.isThrownBy(() -> softmax.applyInPlace(new Doubles(new double[] { 1, 2 }, 1e300), new int[] { 2 }));
		assertThat(new PreparedCall(Activation.SIGMOID, Mode.GRADIENT,
				ArgumentBinder.bindText(Activation.SIGMOID, Map.of()), ActivationEngine.CallRecorder.NONE)
			.runsInPlace()).isFalse();
		assertThat(new PreparedCall(Activation.PRELU, Mode.VALUE,
				ArgumentBinder.bindText(Activation.PRELU, Map.of("weight", new String[] { "0.1,0.2" })),
				ActivationEngine.CallRecorder.NONE)
			.runsInPlace()).as("one weight per channel depends on the position").isFalse();
	}

	private static double[] values(boolean positive) {
		SplittableRandom random = new SplittableRandom(12);
		double[] x = new double[N];
		for (int i = 0; i < N; i++) {
			x[i] = positive ? Math.scalb(random.nextDouble(1, 2), random.nextInt(-60, 7)) : random.nextDouble(-40, 40);
		}
		return x;
	}

	private static PreparedCall call(Activation function, List<Long> recorded) {
		return new PreparedCall(function, Mode.VALUE, ArgumentBinder.bindText(function, Map.of()),
				(f, mode, values, events) -> recorded.add(events));
	}

	/**
	 * Doubles in an array, of which the encoding holds those of magnitude up to a bound.
	 */
	private static final class Doubles implements EncodedValues {

		private final double[] values;

		private final double bound;

		Doubles(double[] values, double bound) {
			this.values = values;
			this.bound = bound;
		}

		@Override
		public int count() {
			return this.values.length;
		}

		@Override
		public void read(int from, double[] block, int n) {
			System.arraycopy(this.values, from, block, 0, n);
		}

		@Override
		public boolean writeIfFinite(int from, double[] block, int n) {
			for (int i = 0; i < n; i++) {
				if (!Double.isFinite(block[i]) || Math.abs(block[i]) > this.bound) {
					return false;
				}
			}
			System.arraycopy(block, 0, this.values, from, n);
			return true;
		}

		@Override
		public int firstUnheld(double[] block, int n) {
			for (int i = 0; i < n; i++) {
				if (Math.abs(block[i]) > this.bound) {
					return i;
				}
			}
			return -1;
		}

		@Override
		public String unheld(String function, double value, String pointer) {
			return function + ": " + value + " beyond " + this.bound + " at " + pointer;
		}

	}

}

package ai.activation.plot;

import java.util.List;
import java.util.stream.Stream;

import ai.activation.engine.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reading the x range of a graph from {@code from} and {@code to}, without HTTP.
 */
class PlotRangeTests {

	private static final PlotProperties LIMITS = new PlotProperties(-6, 6, 1e6, 1e6, 1e-6, 401, 640, 400);

	@Test
	void omittedEndsTakeTheConfiguredDefaults() {
		assertThat(PlotRange.of(List.of(), List.of(), LIMITS)).isEqualTo(new PlotRange(-6, 6));
		assertThat(PlotRange.of(List.of("-1.5"), List.of(), LIMITS)).isEqualTo(new PlotRange(-1.5, 6));
		assertThat(PlotRange.of(List.of(), List.of("2e0"), LIMITS)).isEqualTo(new PlotRange(-6, 2));
	}

	@Test
	void rangesAtTheLimitsAreAccepted() {
		assertThat(PlotRange.of(List.of("-1e6"), List.of("0"), LIMITS)).isEqualTo(new PlotRange(-1e6, 0));
		assertThat(PlotRange.of(List.of("999999.999999"), List.of("1000000"), LIMITS).to()).isEqualTo(1e6);
	}

	@Test
	void samplesAreEvenlySpacedWithBothEndsExactAndZeroInTheMiddleOfASymmetricRange() {
		double[] x = new PlotRange(-6, 6).samples(401);
		assertThat(x).hasSize(401);
		assertThat(x[0]).isEqualTo(-6.0);
		assertThat(x[400]).isEqualTo(6.0);
		assertThat(x[200]).isEqualTo(0.0);
		for (int i = 1; i < x.length; i++) {
			assertThat(x[i] - x[i - 1]).isCloseTo(0.03, org.assertj.core.api.Assertions.within(1e-14));
		}
	}

	static Stream<Arguments> badRanges() {
		return Stream.of(Arguments.of(List.of("abc"), List.of(), "from", "'abc'"),
				Arguments.of(List.of(""), List.of(), "from", "plain decimal"),
				Arguments.of(List.of("NaN"), List.of(), "from", "'NaN'"),
				Arguments.of(List.of(), List.of("Infinity"), "to", "'Infinity'"),
				Arguments.of(List.of(), List.of("0x10"), "to", "plain decimal"),
				Arguments.of(List.of("-1e400"), List.of(), "from", "[-1000000, 1000000]"),
				Arguments.of(List.of(), List.of("2e6"), "to", "[-1000000, 1000000]"),
				Arguments.of(List.of("1", "2"), List.of(), "from", "given 2 times"),
				Arguments.of(List.of("2"), List.of("1"), "from", "from < to"),
				Arguments.of(List.of("1"), List.of("1"), "from", "from < to"),
				Arguments.of(List.of(), List.of("-7"), "to", "from < to"),
				Arguments.of(List.of("-1e6"), List.of("1e6"), "from", "2000000"),
				Arguments.of(List.of("0"), List.of("1e-7"), "from", "0.0000001"));
	}

	@ParameterizedTest(name = "from={0} to={1}")
	@MethodSource("badRanges")
	void aBadRangeIsRejectedNamingTheParameter(List<String> from, List<String> to, String parameter, String detail) {
		InvalidParameterException ex = catchThrowableOfType(InvalidParameterException.class,
				() -> PlotRange.of(from, to, LIMITS));
		assertThat(ex).as("from=%s to=%s", from, to).isNotNull();
		assertThat(ex.getBody().getProperties()).containsEntry("parameter", parameter);
		assertThat(ex.getBody().getDetail()).contains(detail);
		assertThat((String) ex.getBody().getProperties().get("allowed")).contains("[-1000000, 1000000]",
				"[0.000001, 1000000]");
	}

}

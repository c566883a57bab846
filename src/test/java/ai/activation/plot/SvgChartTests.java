package ai.activation.plot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ai.activation.catalog.Activation;
import ai.activation.catalog.Arguments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drawing without HTTP: the bytes depend on nothing but the input, and tick labels read
 * the same in every locale.
 */
class SvgChartTests {

	@Test
	void theBytesDoNotDependOnTheDefaultLocale() {
		Locale saved = Locale.getDefault();
		try {
			Locale.setDefault(Locale.ROOT);
			byte[] root = draw();
			Locale.setDefault(Locale.GERMANY);
			byte[] german = draw();
			Locale.setDefault(Locale.forLanguageTag("ar-EG"));
			byte[] arabic = draw();
			assertThat(german).isEqualTo(root);
			assertThat(arabic).isEqualTo(root);
			List<String> labels = SvgDocument.parse(new String(root, StandardCharsets.UTF_8))
				.texts()
				.stream()
				.filter((text) -> !List.of("tanh", "no parameters", "x").contains(text))
				.toList();
			assertThat(labels).hasSizeGreaterThan(10).allMatch((label) -> label.matches("-?\\d+(\\.\\d+)?"));
		}
		finally {
			Locale.setDefault(saved);
		}
	}

	@Test
	void ticksReadAsTheirValueAtTheirSizesPrecision() {
		assertThat(ReadableTickUnits.label(0.30000000000000004, 0.1)).isEqualTo("0.3");
		assertThat(ReadableTickUnits.label(0.25, 0.05)).isEqualTo("0.25");
		assertThat(ReadableTickUnits.label(1500, 500)).isEqualTo("1500");
		assertThat(ReadableTickUnits.label(-4, 1)).isEqualTo("-4");
		assertThat(ReadableTickUnits.label(999999.9999996, 1e-7)).isEqualTo("999999.9999996");
	}

	@Test
	void theTickAtZeroReadsZeroDespiteRoundingResidue() {
		assertThat(ReadableTickUnits.label(-2.7755575615628914E-17, 0.1)).isEqualTo("0.0");
		assertThat(ReadableTickUnits.label(-0.0, 1)).isEqualTo("0");
	}

	@Test
	void ticksOfExtremeSizesAreScientificWithTheDigitsTheSizeNeeds() {
		assertThat(ReadableTickUnits.label(-3.5e307, 5e306)).isEqualTo("-3.5E+307");
		assertThat(ReadableTickUnits.label(-4e307, 5e306)).isEqualTo("-4E+307");
		assertThat(ReadableTickUnits.label(5e-300, 1e-300)).isEqualTo("5E-300");
		assertThat(ReadableTickUnits.label(6.931471805599453e299, 1e298)).isEqualTo("6.9E+299");
	}

	private static byte[] draw() {
		PlotRange range = new PlotRange(-3, 2);
		Curve curve = CurveSampler.sample(Activation.TANH, new Arguments(Map.of()), range, 401);
		return SvgChart.draw("tanh", curve, List.of("no parameters"), range, 640, 400);
	}

}

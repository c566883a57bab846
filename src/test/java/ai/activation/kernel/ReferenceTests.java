package ai.activation.kernel;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the shortcuts the accuracy references take (series and continued fractions,
 * chosen for speed) against apfloat's own functions evaluated at a much higher precision,
 * so that the references are not trusted on their word.
 */
class ReferenceTests {

	/**
	 * Digits for the direct evaluation: enough that 1 − erf z and e^x − 1 keep 60 digits
	 * after cancelling.
	 */
	private static final long WIDE = 200;

	@ParameterizedTest
	@ValueSource(strings = { "-27.5", "-5.5", "-1", "-1e-9", "0.5", "4.99", "5.01", "9.2", "26.9", "37.5" })
	void erfcShouldAgreeWithApfloatsErfcTo50Digits(String z) {
		Apfloat expected = ApfloatMath.erfc(new Apfloat(z, WIDE));
		assertAgreeTo50Digits(Reference.erfc(new Apfloat(z, Reference.DIGITS + 10)), expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1e-300", "-3e-7", "1e-20", "9.9e-7", "-0.5", "20" })
	void expm1ShouldAgreeWithAWideExpMinusOneTo50Digits(String x) {
		Apfloat expected = ApfloatMath.exp(new Apfloat(x, WIDE + 300)).subtract(new Apfloat(1));
		assertAgreeTo50Digits(Reference.expm1(new Apfloat(x, Reference.DIGITS + 10)), expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e-300", "-3e-7", "1e-20", "0.25", "7" })
	void log1pShouldAgreeWithAWideLogTo50Digits(String u) {
		Apfloat expected = ApfloatMath.log(new Apfloat(u, WIDE + 300).add(new Apfloat(1)));
		assertAgreeTo50Digits(Reference.log1p(new Apfloat(u, Reference.DIGITS + 10)), expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1e-200", "-2e-9", "0.125", "-3", "19" })
	void tanhShouldAgreeWithApfloatsTanhTo50Digits(String x) {
		Apfloat expected = ApfloatMath.tanh(new Apfloat(x, WIDE + 200));
		assertAgreeTo50Digits(Reference.tanh(new Apfloat(x, Reference.DIGITS + 10)), expected);
	}

	private static void assertAgreeTo50Digits(Apfloat actual, Apfloat expected) {
		Apfloat relative = ApfloatMath.abs(actual.subtract(expected)).divide(ApfloatMath.abs(expected));
		assertThat(relative.compareTo(new Apfloat("1e-50"))).as("relative difference %s", relative.toString(true))
			.isLessThan(0);
	}

}

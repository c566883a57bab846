package ai.activation.kernel;

import static ai.activation.kernel.Scalars.EXPM1_SATURATES;
import static ai.activation.kernel.Scalars.EXP_FLUSH;
import static ai.activation.kernel.Scalars.LN_UNDERFLOW;
import static ai.activation.kernel.Scalars.TAIL;

/**
 * The exponential and log1mexp = log(1 − e^−x), the function of the exponential that
 * loses most to rounding when written as it reads.
 */
public final class Exponential {

	/** ln 2, where log1mexp switches between its two forms. */
	static final double LN2 = 0.6931471805599453;

	private Exponential() {
	}

	/**
	 * exponential(x) = e^x, as keras-team/keras
	 * {@code keras/src/activations/activations.py} ({@code exponential}). Within 1 ulp
	 * ({@link Math#exp}, and the lanewise EXP on the bulk path,
	 * {@code VectorKernels.exponential}); beyond x ≈ 709.78 the true value exceeds the
	 * double range and +∞ is returned. exponential′ = e^x, the same value. No events: the
	 * textbook formula is e^x itself.
	 */
	public static final ScalarFunction EXPONENTIAL = Vectorized.of(ScalarFunction.of(Math::exp, Math::exp),
			(in, out, scalar) -> VectorKernels.exponential(in, out, scalar));

	/**
	 * log1mexp(x) = log(1 − e^−x), defined for x &gt; 0, evaluated as Mächler (2012,
	 * "Accurately Computing log(1 − exp(−|a|))", the Rmpfr package's vignette
	 * log1mexp-note) recommends: log(−expm1(−x)) for x ≤ ln 2, log1p(−e^−x) above (on the
	 * bulk path by the lanewise operations, {@code VectorKernels.log1mexp}). Within 3 ulp
	 * (the condition number of either logarithm is at most 1/ln 2 on its side of the
	 * switch). log1mexp(0) = −∞, and below 0 the value is not real (NaN): the service
	 * answers both with 422.
	 *
	 * <p>
	 * log1mexp′(x) = e^−x/(1 − e^−x) = 1/expm1(x), within 2 ulp; for x &gt; 40 it is e^−x
	 * to 4e−18, which stays finite (and subnormal) where expm1 would overflow. At x = 0
	 * it is +∞ and below 0 NaN, as the value.
	 *
	 * <p>
	 * Events: the textbook log(1 − e^−x) gives −∞ for 0 &lt; x ≤ 2^−54 (e^−x rounds to 1)
	 * and 0 for 54·ln 2 &lt; x &lt; 745.13 (1 − e^−x rounds to 1) where the true value is
	 * finite and not 0; its derivative e^−x/(1 − e^−x) gives +∞ for 0 &lt; x ≤ 2^−54.
	 */
	public static final ScalarFunction LOG1MEXP = Vectorized.of(ScalarFunction.of((x) -> {
		if (x <= LN2) {
			return Math.log(-Math.expm1(-x));
		}
		return Math.log1p(-Math.exp(-x));
	}, (x) -> (x > 0 && x <= EXP_FLUSH) || (x > -EXPM1_SATURATES && x < -LN_UNDERFLOW), (x) -> {
		if (x < 0) {
			return Double.NaN;
		}
		if (x > -TAIL) {
			return Math.exp(-x);
		}
		return 1.0 / Math.expm1(x);
	}, (x) -> x > 0 && x <= EXP_FLUSH), (in, out, scalar) -> VectorKernels.log1mexp(in, out, scalar));

}

package ai.activation.kernel;

/**
 * Squareplus, the algebraic smooth ramp of Barron (2021, "Squareplus: A Softplus-Like
 * Algebraic Rectifier", arXiv:2112.11687).
 */
public final class Algebraic {

	private Algebraic() {
	}

	/**
	 * squareplus(x) = (x + √(x² + b))/2, b ≥ 0, as jax-ml/jax
	 * {@code jax/_src/nn/functions.py} ({@code squareplus}, b defaulting to 4) and
	 * keras-team/keras {@code keras/src/ops/nn.py}. JAX sums x and the root as written,
	 * which cancels for x ≪ −√b (and is 0 there); here, for x &lt; 0, the equal form
	 * b/(2(√(x² + b) − x)) is used, a quotient of positive terms. The root is √fma(x, x,
	 * b), with {@link Math#hypot} where x² + b would overflow or underflow. Within 3 ulp.
	 * At b = 0 it is relu. The bulk path ({@code VectorKernels.squareplus}, with the
	 * Vector API) is bit for bit this definition.
	 *
	 * <p>
	 * squareplus′(x) = (1 + x/√(x² + b))/2, for x &lt; 0 as b/(2√(x² + b)(√(x² + b) −
	 * x)), again without cancellation; within 4 ulp. At b = 0 it is relu′, 0 at x = 0.
	 *
	 * <p>
	 * Events: the textbook (x + √(x² + b))/2 overflows x² for |x| &gt; 1.34e154 (+∞ or a
	 * NaN) and cancels to 0 for x &lt; 0 where x² + b rounds to x² (|x| &gt; 2^26·√b);
	 * its derivative overflows for the same large |x|.
	 * @param b the smoothness, at least 0
	 * @return the function
	 */
	public static ScalarFunction squareplus(double b) {
		double rootB = Math.sqrt(b);
		ScalarFunction scalar = ScalarFunction.of((x) -> {
			if (b == 0) {
				return Math.max(0.0, x);
			}
			double s = root(x, b, rootB);
			if (x < 0) {
				return (b * 0.25) / (0.5 * s - 0.5 * x);
			}
			return (x < 1e300) ? (x + s) * 0.5 : 0.5 * x + 0.5 * s;
		}, (x) -> Math.abs(x) > 1.34e154 || (x < 0 && x * x + b == x * x), (x) -> {
			if (b == 0) {
				return (x > 0) ? 1.0 : 0.0;
			}
			double s = root(x, b, rootB);
			if (x < 0) {
				return (b * 0.25) / s / (0.5 * s - 0.5 * x);
			}
			return (1.0 + x / s) * 0.5;
		}, (x) -> Math.abs(x) > 1.34e154);
		// at b = 0 (relu, with the events of the textbook's overflowing x²) the scalar
		// loop
		return (b == 0) ? scalar : Vectorized.of(scalar, (in, out, f) -> VectorKernels.squareplus(b, in, out, f));
	}

	/** √(x² + b), with one rounding of x² + b where it stays well inside the range. */
	private static double root(double x, double b, double rootB) {
		double q = Math.fma(x, x, b);
		if (q > 1e-290 && q < 1e290) {
			return Math.sqrt(q);
		}
		return Math.hypot(x, rootB);
	}

}
